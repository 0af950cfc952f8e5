// Builds kept between starts of the runtime (and between the test files that
// each start one) while nothing they were built from has changed: a start
// then loads the functions' bundles instead of bundling them again.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CACHE_ROOT = join(tmpdir(), "chat-local-builds");
// A replaced build is removed once no start can still be loading from it.
const KEEP_REPLACED_MS = 60 * 60_000;
// A build no start has asked for in this long is removed: its key may never come again (another
// checkout, a test's fixture, an older version of the builder).
const KEEP_UNUSED_MS = 7 * 24 * 60 * 60_000;

interface Index {
  dir: string;
  /** Every file the build read, with its modification time then. */
  inputs: Record<string, number>;
}

const mtimeOf = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

function parseIndex(file: string): Index | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Index;
  } catch {
    return undefined;
  }
}

/** An index's date is when a start last used it (see sweepBuildCache). */
function markUsed(file: string) {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // Swept by another start just now: this one still has its folder.
  }
}

function readIndex(file: string): Index | undefined {
  const index = parseIndex(file);
  if (!index) return undefined;
  const unchanged = Object.entries(index.inputs).every(([path, mtime]) => mtimeOf(path) === mtime);
  return unchanged && existsSync(index.dir) ? index : undefined;
}

/**
 * The folder `build` filled for `key` (whatever identifies what is built and
 * how), reused while the files it reports having read are unchanged; built
 * again into a new folder otherwise.
 */
export async function cachedBuild(
  key: string,
  build: (outdir: string) => Promise<string[]>,
  root = CACHE_ROOT,
): Promise<string> {
  mkdirSync(root, { recursive: true });
  const name = createHash("sha256").update(key).digest("hex").slice(0, 16);
  const indexFile = join(root, `${name}.json`);
  const cached = readIndex(indexFile);
  if (cached) {
    markUsed(indexFile);
    holdWhileRunning(indexFile);
    return cached.dir;
  }
  const dir = mkdtempSync(join(root, `${name}-`));
  try {
    const inputs = await build(dir);
    const index: Index = { dir, inputs: Object.fromEntries(inputs.map((path) => [path, mtimeOf(path)])) };
    const temporary = `${indexFile}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(index));
    renameSync(temporary, indexFile);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  holdWhileRunning(indexFile);
  sweepBuildCache(root);
  return dir;
}

// The builds this process uses are marked used again every day while it runs: its execution
// environments load their bundles as they start, so a start left running for more than a week
// must not have them swept from under it.
const MARK_IN_USE_EVERY_MS = 24 * 60 * 60_000;
const held = new Set<string>();
let marking: NodeJS.Timeout | undefined;

function holdWhileRunning(indexFile: string) {
  held.add(indexFile);
  if (marking) return;
  marking = setInterval(() => {
    for (const file of held) markUsed(file);
  }, MARK_IN_USE_EVERY_MS).unref();
}

/**
 * Removes from the cache in `root` what no start can use any more: a build whose sources are
 * gone (a deleted checkout or fixture) or that no start asked for in a week, and, an hour after
 * they were made, folders no index points to (replaced builds) and files left by a crashed
 * build. Run after each build, so the cache does not grow with every checkout and test run.
 */
export function sweepBuildCache(root: string, now = Date.now()) {
  const entries = readdirSync(root);
  const inUse = new Set<string>();
  for (const entry of entries.filter((name) => name.endsWith(".json"))) {
    const file = join(root, entry);
    const index = parseIndex(file);
    const sourcesGone = !index || Object.keys(index.inputs).some((path) => mtimeOf(path) === -1);
    if (sourcesGone || now - mtimeOf(file) > KEEP_UNUSED_MS) rmSync(file, { force: true });
    else inUse.add(index.dir);
  }
  for (const entry of entries.filter((name) => !name.endsWith(".json"))) {
    const path = join(root, entry);
    if (!inUse.has(path) && now - mtimeOf(path) > KEEP_REPLACED_MS) rmSync(path, { recursive: true, force: true });
  }
}
