import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";

// sst.config.ts and infra/ type-checked against SST's own component types,
// generated offline by `sst install` (scripts/sst-install.sh).
const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules/.bin/tsc");

beforeAll(() => {
  if (!existsSync(join(root, ".sst/platform/config.d.ts"))) {
    execFileSync("bash", ["scripts/sst-install.sh"], { cwd: root, stdio: "inherit" });
  }
}, 300_000);

it("sst.config.ts and infra/ type-check against SST's components", { timeout: 120_000 }, () => {
  const result = spawnSync(tsc, ["-p", "tsconfig.sst.json"], { cwd: root, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});

it("a wrong property name in a component fails the check", { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(root, ".sst/typo-"));
  try {
    writeFileSync(
      join(dir, "typo.ts"),
      `/// <reference path="../platform/config.d.ts" />\nnew sst.aws.ApiGatewayWebSocket("Chat", { acessLog: { retention: "1 week" } });\n`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.sst.json", include: ["typo.ts"] }),
    );
    const result = spawnSync(tsc, ["-p", join(dir, "tsconfig.json")], { cwd: root, encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/acessLog/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
