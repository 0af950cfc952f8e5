import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// What a production build of the site is made from.
const SOURCES = ["src", "public", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

/**
 * Whether `next build` must run: no build yet, or a source changed since it.
 * The API URLs are read per request, not baked in, so a build serves any ports.
 */
export function buildIsStale(webDir: string): boolean {
  const buildId = join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestChange(join(webDir, source)) > builtAt);
}
