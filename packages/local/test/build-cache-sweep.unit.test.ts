import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { cachedBuild, sweepBuildCache } from "../src/build-cache";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let root: string;
let sources: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "chat-build-sweep-"));
  sources = mkdtempSync(join(tmpdir(), "chat-build-sweep-sources-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(sources, { recursive: true, force: true });
});

const ago = (path: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
};

/** A build of `name` in the cache, made from `inputs`, its index and folder last touched `age` ago. */
function cachedBuildOf(name: string, inputs: string[], age: number) {
  const dir = join(root, `${name}-abc123`);
  mkdirSync(dir);
  writeFileSync(join(dir, "fn.mjs"), "");
  const index = join(root, `${name}.json`);
  writeFileSync(index, JSON.stringify({ dir, inputs: Object.fromEntries(inputs.map((path) => [path, 1])) }));
  ago(dir, age);
  ago(index, age);
  return { dir, index };
}

function source(name: string) {
  const path = join(sources, name);
  writeFileSync(path, "");
  return path;
}

it("keeps builds in use, however old their folders, and removes those unused for a week", () => {
  const used = cachedBuildOf("used", [source("a.ts")], 6 * DAY);
  const unused = cachedBuildOf("unused", [source("b.ts")], 8 * DAY);
  sweepBuildCache(root);
  expect([existsSync(used.index), existsSync(used.dir)]).toEqual([true, true]);
  expect([existsSync(unused.index), existsSync(unused.dir)]).toEqual([false, false]);
});

it("removes a build whose sources are gone (a deleted checkout or fixture)", () => {
  const kept = cachedBuildOf("kept", [source("a.ts")], 2 * HOUR);
  const orphan = cachedBuildOf("orphan", [source("a.ts"), join(sources, "deleted.ts")], 2 * HOUR);
  sweepBuildCache(root);
  expect(existsSync(kept.dir)).toBe(true);
  expect([existsSync(orphan.index), existsSync(orphan.dir)]).toEqual([false, false]);
});

it("leaves folders and files no index names for an hour: a build may still be writing them", () => {
  const replaced = join(root, "used-old111");
  const building = join(root, "new-xyz789");
  const crashedIndex = join(root, "new.json.12345");
  for (const dir of [replaced, building]) mkdirSync(dir);
  writeFileSync(crashedIndex, "{");
  ago(replaced, 2 * HOUR);
  ago(crashedIndex, 2 * HOUR);
  sweepBuildCache(root);
  expect(existsSync(replaced)).toBe(false);
  expect(existsSync(crashedIndex)).toBe(false);
  expect(existsSync(building)).toBe(true);
});

it("marks the builds a process uses as used every day while it runs, so a start left running keeps them", async () => {
  vi.useFakeTimers({ toFake: ["setInterval"] });
  try {
    const input = source("handler.ts");
    const dir = await cachedBuild(
      "a long-running start",
      async (outdir) => {
        writeFileSync(join(outdir, "fn.mjs"), "");
        return [input];
      },
      root,
    );
    const [index] = readdirSync(root).filter((name) => name.endsWith(".json"));
    ago(join(root, index!), 8 * DAY);
    vi.advanceTimersByTime(DAY);
    sweepBuildCache(root);
    expect(existsSync(join(root, index!))).toBe(true);
    expect(existsSync(dir)).toBe(true);
  } finally {
    vi.useRealTimers();
  }
});
