import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// Every TypeScript program of the repository, type-checked as `tsc --noEmit` would, in
// parallel. Incremental (the .tsbuildinfo files live in node_modules/.cache/tsc): a run
// re-checks only what changed since the last one, with the same diagnostics.
//
// The one program not here is the site's own (packages/web/tsconfig.json): the `next build`
// of packages/web/e2e/open-next.test.ts checks it, with the route types that build generates,
// and a type error fails that build and so that test. It is not checked twice.
const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules/.bin/tsc");
const cache = join(root, "node_modules/.cache/tsc");

function typeCheck(project: string, buildInfo: string): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      tsc,
      ["-p", project, "--noEmit", "--incremental", "--tsBuildInfoFile", join(cache, buildInfo)],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (status) => done({ status, output }));
  });
}

beforeAll(() => {
  mkdirSync(cache, { recursive: true });
  // SST's platform types for sst.config.ts, generated offline by `sst install`.
  if (!existsSync(join(root, ".sst/platform/config.d.ts"))) {
    execFileSync("bash", ["scripts/sst-install.sh"], { cwd: root, stdio: "inherit" });
  }
}, 300_000);

describe.concurrent("type checks", { timeout: 240_000 }, () => {
  it.each([
    ["core, functions, local runtime, bench and tests", "tsconfig.json", "root.tsbuildinfo"],
    ["the web site's tests", "packages/web/tsconfig.tests.json", "web-tests.tsbuildinfo"],
  ])("%s type-check", async (_, project, buildInfo) => {
    const result = await typeCheck(project, buildInfo);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  // sst.config.ts and infra/ against SST's own component types, in one program with a file
  // that misspells a component property: SST's (large) types are checked once for both.
  it("sst.config.ts and infra/ type-check against SST's components, and a wrong property name fails", async () => {
    const dir = join(root, ".sst/typecheck");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "typo.ts"),
      `/// <reference path="../platform/config.d.ts" />\nnew sst.aws.ApiGatewayWebSocket("Chat", { acessLog: { retention: "1 week" } });\n`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.sst.json",
        include: ["../../sst.config.ts", "../../infra/**/*.ts", "typo.ts"],
      }),
    );
    const result = await typeCheck(join(dir, "tsconfig.json"), "sst.tsbuildinfo");
    const errors = result.output.split("\n").filter((line) => /error TS\d+/.test(line));
    expect(result.status).not.toBe(0);
    // Exactly the planted mistake: any error elsewhere is a real one in sst.config.ts or infra/.
    expect(errors, result.output).toHaveLength(1);
    expect(errors[0]).toMatch(/^\.sst\/typecheck\/typo\.ts\(2,\d+\): error TS\d+: .*acessLog/);
  });
});
