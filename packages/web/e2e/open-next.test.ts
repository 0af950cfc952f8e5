import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const webDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const OPEN_NEXT_VERSION = "3.9.14"; // the version sst@3.19.3 runs on `sst deploy`

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
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
describe("deploy bundle", () => {
  it("builds with OpenNext and emits the server function", { timeout: 300_000 }, async () => {
    rmSync(join(webDir, ".open-next"), { recursive: true, force: true });
    const { code, output } = await run(
      "npx",
      ["--no-install", `@opennextjs/aws@${OPEN_NEXT_VERSION}`, "build"],
      webDir,
    );
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
