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
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CACHE_ROOT = join(tmpdir(), "chat-local-builds");
// A replaced build is removed once no start can still be loading from it.
const KEEP_REPLACED_MS = 60 * 60_000;

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

function readIndex(file: string): Index | undefined {
  try {
    const index = JSON.parse(readFileSync(file, "utf8")) as Index;
    const unchanged = Object.entries(index.inputs).every(([path, mtime]) => mtimeOf(path) === mtime);
    return unchanged && existsSync(index.dir) ? index : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The folder `build` filled for `key` (whatever identifies what is built and
 * how), reused while the files it reports having read are unchanged; built
 * again into a new folder otherwise.
 */
export async function cachedBuild(key: string, build: (outdir: string) => Promise<string[]>): Promise<string> {
  mkdirSync(CACHE_ROOT, { recursive: true });
  const name = createHash("sha256").update(key).digest("hex").slice(0, 16);
  const indexFile = join(CACHE_ROOT, `${name}.json`);
  const cached = readIndex(indexFile);
  if (cached) return cached.dir;
  const dir = mkdtempSync(join(CACHE_ROOT, `${name}-`));
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
  removeOldBuilds(name, dir);
  return dir;
}

function removeOldBuilds(name: string, current: string) {
  for (const entry of readdirSync(CACHE_ROOT)) {
    const path = join(CACHE_ROOT, entry);
    if (!entry.startsWith(`${name}-`) || path === current) continue;
    if (Date.now() - mtimeOf(path) > KEEP_REPLACED_MS) rmSync(path, { recursive: true, force: true });
  }
}
