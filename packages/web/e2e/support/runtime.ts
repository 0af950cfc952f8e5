import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");

export interface RuntimeSettings {
  webPort: number;
  apiPort: number;
  wsPort: number;
  dynamoPort: number;
  dataDir: string;
}

export interface Runtime {
  webUrl: string;
  apiUrl: string;
  wsUrl: string;
  output(): string;
  /** SIGTERM to the runtime's PID, then wait for it to exit. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function freshSettings(): Promise<RuntimeSettings> {
  return {
    webPort: await freePort(),
    apiPort: await freePort(),
    wsPort: await freePort(),
    dynamoPort: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), "chat-e2e-")),
  };
}

const tsxCli = createRequire(join(repoRoot, "package.json")).resolve("tsx/cli");

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

/**
 * Starts the real local runtime (`npm start`'s entry point) and resolves at its "ready" line.
 * `reuseBuild` skips `next build` (a restart on the same checkout).
 */
export async function startRuntime(settings: RuntimeSettings, { reuseBuild = false } = {}): Promise<Runtime> {
  const child = spawn(process.execPath, [tsxCli, "packages/local/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      WEB_MODE: "production",
      WEB_SKIP_BUILD: reuseBuild ? "1" : "0",
      WEB_PORT: String(settings.webPort),
      API_PORT: String(settings.apiPort),
      WS_PORT: String(settings.wsPort),
      DYNAMODB_PORT: String(settings.dynamoPort),
      DATA_DIR: settings.dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_NO_WARNINGS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  };

  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/\bready\b/.test(log)) ready();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => fail(new Error(`runtime exited with ${code} before ready:\n${log}`)));
  });

  return {
    webUrl: `http://127.0.0.1:${settings.webPort}`,
    apiUrl: `http://127.0.0.1:${settings.apiPort}`,
    wsUrl: `ws://127.0.0.1:${settings.wsPort}`,
    output: () => log,
    stop,
  };
}
