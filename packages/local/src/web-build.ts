import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// What a production build of the site is made from.
const SOURCES = ["src", "public", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

// Written next to the build by `recordBuild` (`next build` empties `.next`, so a build made
// some other way never carries a stale one).
const FINGERPRINT_FILE = "local-runtime-build.json";

/**
 * What the build bakes in besides its sources: the API URLs (`NEXT_PUBLIC_API_URL`,
 * `NEXT_PUBLIC_WS_URL`) are written into the prerendered pages and the browser bundle.
 */
export interface BuildInputs {
  apiUrl: string;
  wsUrl: string;
}

interface Fingerprint extends BuildInputs {
  buildId: string;
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

function readBuildId(webDir: string): string | undefined {
  const file = join(webDir, ".next", "BUILD_ID");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

function readFingerprint(webDir: string): Partial<Fingerprint> | undefined {
  try {
    return JSON.parse(readFileSync(join(webDir, ".next", FINGERPRINT_FILE), "utf8")) as Partial<Fingerprint>;
  } catch {
    return undefined;
  }
}

/** Whether the existing build was made by `recordBuild` with these URLs (false when there is none). */
export function buildMatches(webDir: string, inputs: BuildInputs): boolean {
  const buildId = readBuildId(webDir);
  const recorded = readFingerprint(webDir);
  return (
    buildId !== undefined &&
    recorded?.buildId === buildId &&
    recorded.apiUrl === inputs.apiUrl &&
    recorded.wsUrl === inputs.wsUrl
  );
}

/**
 * Whether `next build` must run: no build yet, a source changed since it, or it was built
 * with other API URLs (other ports) or by something that did not record them.
 */
export function buildIsStale(webDir: string, inputs: BuildInputs): boolean {
  const buildIdFile = join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildIdFile)) return true;
  if (!buildMatches(webDir, inputs)) return true;
  const builtAt = statSync(buildIdFile).mtimeMs;
  return SOURCES.some((source) => newestChange(join(webDir, source)) > builtAt);
}

/** Records, after a successful `next build`, which URLs that build carries. */
export function recordBuild(webDir: string, inputs: BuildInputs): void {
  const buildId = readBuildId(webDir);
  if (buildId === undefined) throw new Error(`no ${join(webDir, ".next", "BUILD_ID")} after next build`);
  const fingerprint: Fingerprint = { buildId, apiUrl: inputs.apiUrl, wsUrl: inputs.wsUrl };
  writeFileSync(join(webDir, ".next", FINGERPRINT_FILE), `${JSON.stringify(fingerprint, null, 2)}\n`);
}
