import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { recordBuild } from "@chat/local/web-build";
import { describe, expect, inject, it } from "vitest";
import { lockSite } from "./support/site-lock";

const webDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const OPEN_NEXT_VERSION = "3.9.14"; // the version sst@3.19.3 runs on `sst deploy`

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  onOutput: (output: string) => void,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      onOutput(output);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("exit", (code) => done({ code, output }));
  });
}

/** The functions whose extra dependencies OpenNext could not install (it logs and goes on). */
function failedInstalls(output: string): string[] {
  const failed: string[] = [];
  let installing: string | undefined;
  for (const line of output.split("\n")) {
    const started = line.match(/Installing dependencies for (\S+?)\.\.\./);
    if (started) installing = started[1];
    if (line.includes("Could not install dependencies")) failed.push(installing ?? "(unknown)");
  }
  return failed;
}

// The same OpenNext build `sst deploy` runs for sst.aws.Nextjs: a site that fails it would not deploy.
// Its `next build` also type-checks the site (packages/web/tsconfig.json, with the route types
// that build generates), so test/typecheck.test.ts does not check that program a second time.
//
// `sst deploy` hands the build the API URLs (infra/web.ts); here they are the browser project's
// (support/global-setup.ts), and the build is recorded as the local runtime records its own
// (@chat/local/web-build): the browser tests' runtime then serves this very build instead of
// making another. While `next build` writes packages/web/.next this file owns it (site-lock.ts).
describe("deploy bundle", () => {
  it("builds with OpenNext and emits the server function", { timeout: 900_000 }, async () => {
    const ports = inject("browserPorts");
    const urls = { apiUrl: `http://127.0.0.1:${ports.apiPort}`, wsUrl: `ws://127.0.0.1:${ports.wsPort}` };
    const release = await lockSite("the OpenNext build");
    // OpenNext makes its working folders in the OS temp folder and leaves them there: this
    // build gets a temp folder of its own, removed afterwards.
    const buildTemp = mkdtempSync(join(tmpdir(), "chat-open-next-"));
    let nextBuildDone = false;
    let result: { code: number | null; output: string };
    try {
      rmSync(join(webDir, ".open-next"), { recursive: true, force: true });
      result = await run(
        "npx",
        ["--no-install", `@opennextjs/aws@${OPEN_NEXT_VERSION}`, "build"],
        webDir,
        { NODE_ENV: "production", NEXT_PUBLIC_API_URL: urls.apiUrl, NEXT_PUBLIC_WS_URL: urls.wsUrl, TMPDIR: buildTemp },
        (output) => {
          // `next build` is over and .next complete once OpenNext starts bundling from it
          // (it only reads .next from then on): the browser files may have the site.
          if (!nextBuildDone && output.includes("OpenNext — Generating bundle")) {
            nextBuildDone = true;
            recordBuild(webDir, urls);
            release();
          }
        },
      );
    } finally {
      release();
      rmSync(buildTemp, { recursive: true, force: true });
    }
    const { code, output } = result;
    const serverFunction = join(webDir, ".open-next/server-functions/default");
    const tail = `exit ${code}; output:\n${output.slice(-4000)}`;
    // OpenNext catches a failed `npm install` of a function's extra dependencies, logs
    // "Could not install dependencies" and goes on with exit 0. The one such install that
    // is known to fail here is the image-optimization function's `sharp` (it downloads a
    // binary from the internet); any other failure fails the test, and so does any exit code
    // other than 0.
    expect(code, tail).toBe(0);
    expect(failedInstalls(output), tail).toEqual(
      failedInstalls(output).filter((name) => name === "image-optimization-function"),
    );
    expect(existsSync(serverFunction), `no ${serverFunction}; ${tail}`).toBe(true);
    expect(existsSync(join(serverFunction, "index.mjs"))).toBe(true);
  });
});
