import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules/.bin/tsc");

it.each([
  ["core, functions, local runtime, bench and tests", "tsconfig.json"],
  ["the web site", "packages/web/tsconfig.json"],
  ["the web site's tests", "packages/web/tsconfig.tests.json"],
])("%s type-check", { timeout: 120_000 }, (_, project) => {
  const result = spawnSync(tsc, ["-p", project, "--noEmit"], { cwd: root, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});
