import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

// Biome (biome.json): formatting, import order and lint rules over the whole repository.
const root = join(import.meta.dirname, "..");

it("biome check finds nothing to fix or report", { timeout: 60_000 }, () => {
  const result = spawnSync(join(root, "node_modules/.bin/biome"), ["check", ".", "--error-on-warnings"], {
    cwd: root,
    encoding: "utf8",
  });
  expect(result.stdout + result.stderr).not.toMatch(/Found \d+ (error|warning)/);
  expect(result.status).toBe(0);
});
