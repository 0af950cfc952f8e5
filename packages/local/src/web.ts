import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type OwnedChild, ownChild } from "./child-process";
import { succeeds, waitUntil } from "./wait-until";
import { buildIsStale, buildMatches, recordBuild } from "./web-build";

/**
 * Runs the Next.js site (packages/web) as a child process.
 *
 * WEB_MODE=production (default): `next build` when the sources changed since the last
 * build, then `next start`. A restart is quick, and pages never reload by themselves.
 * WEB_MODE=dev: `next dev`, recompiles on change (its hot reload reloads open pages
 * when the runtime restarts).
 * WEB_SKIP_BUILD=1 with WEB_MODE=production: serve the existing build as it is.
 *
 * The API URLs are baked in by the build (NEXT_PUBLIC_API_URL / NEXT_PUBLIC_WS_URL; the pages
 * that need nothing else are prerendered), so a build is made again when they change, i.e.
 * when API_PORT or WS_PORT does. `next dev` reads them when it starts.
 */
export interface WebOptions {
  port: number;
  apiUrl: string;
  wsUrl: string;
  mode: "production" | "dev";
  skipBuild: boolean;
}

export interface RunningWeb {
  url: string;
  stop(): Promise<void>;
}

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../web");
const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 5_000;

function nextBin(): string {
  return createRequire(join(webDir, "package.json")).resolve("next/dist/bin/next");
}

/** Starts Next.js in its own process group, owned by this runtime. */
function spawnNext(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; owned: OwnedChild } {
  const child = spawn(process.execPath, [nextBin(), ...args], {
    cwd: webDir,
    env,
    // Own process group, so stopping it ends Next.js and every worker it forked.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => `[web] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return { child, owned: ownChild(child, { group: true, name: "Next.js" }) };
}

async function build(env: NodeJS.ProcessEnv): Promise<void> {
  const code = await spawnNext(["build"], env).owned.exited;
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  await waitUntil(
    `Next.js answers at ${url}`,
    () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Next.js exited before it served ${url} (code ${child.exitCode ?? child.signalCode})`);
      }
      return succeeds(async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        await response.body?.cancel();
      });
    },
    {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 250,
      timeoutError: () => new Error(`Next.js did not answer at ${url} within ${READY_TIMEOUT_MS / 1000} s`),
    },
  );
}

export async function startWeb({ port, apiUrl, wsUrl, mode, skipBuild }: WebOptions): Promise<RunningWeb> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_PUBLIC_API_URL: apiUrl,
    NEXT_PUBLIC_WS_URL: wsUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: mode === "dev" ? "development" : "production",
  };
  const inputs = { apiUrl, wsUrl };
  if (mode === "production" && !skipBuild && buildIsStale(webDir, inputs)) {
    await build(env);
    recordBuild(webDir, inputs);
  } else if (mode === "production" && skipBuild && !buildMatches(webDir, inputs)) {
    process.stderr.write(
      `[web] WEB_SKIP_BUILD=1: the existing build may carry other API URLs than ${apiUrl} and ${wsUrl}; unset it to build again\n`,
    );
  }

  const host = "127.0.0.1";
  const command = mode === "dev" ? "dev" : "start";
  const { child, owned } = spawnNext([command, "--hostname", host, "--port", String(port)], env);
  const url = `http://${host}:${port}`;
  try {
    await waitUntilAnswering(url, child);
  } catch (error) {
    await owned.stop(STOP_GRACE_MS);
    throw error;
  }
  return { url, stop: () => owned.stop(STOP_GRACE_MS) };
}
