// The handlers bundled as SST 3.19.3 bundles them for `sst deploy` (its Go
// runtime, pkg/runtime/node/build.go, with the esbuild 0.21.5 built into the
// sst binary): so the local runtime can serve the artifacts that deploy.
import { existsSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, parse, relative, resolve } from "node:path";
import { appFunctions, type FunctionKind } from "@chat/functions/routes";
import { type BuildOptions, build, version as esbuildVersion } from "esbuild";

export { esbuildVersion };

const repoRoot = join(import.meta.dirname, "../../..");

/** The only packages SST never bundles (its `forceExternal`). */
const forceExternal = ["sharp", "pg-native"];

/** SST's banner, verbatim from the sst 3.19.3 binary: CommonJS names for bundled CommonJS code. */
export const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/** Where one handler's source is and where its bundle goes (a `.mjs` path). */
export interface BundleEntry {
  entry: string;
  outfile: string;
}

/**
 * SST's esbuild options for ESM handlers; the AWS SDK is bundled, not external.
 * SST runs one build per function; one build of several entry points (no code
 * splitting) writes the same files and parses the shared code once.
 */
export function sstBuildOptions(entries: BundleEntry[], outdir: string): BuildOptions {
  return {
    entryPoints: entries.map(({ entry, outfile }) => ({
      in: entry,
      out: relative(outdir, outfile).replace(/\.mjs$/, ""),
    })),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    // SST maps the nodejs22.x runtime (infra sets it on every function) to es2023.
    target: "es2023",
    keepNames: true,
    mainFields: ["module", "main"],
    sourcemap: "linked",
    external: forceExternal,
    banner: { js: banner },
    metafile: true,
    write: true,
    logLevel: "silent",
  };
}

export interface Bundle {
  bytes: number;
  /** What the bundle imports from outside itself other than Node's built-in modules. */
  unbundled: string[];
}

/** Bundles handler source files, each to its `outfile` (`.mjs`); rejects with esbuild's errors. */
export async function bundleEntries(entries: BundleEntry[], outdir: string): Promise<Bundle[]> {
  const { metafile } = await build(sstBuildOptions(entries, outdir));
  const outputs = new Map(Object.entries(metafile!.outputs).map(([path, output]) => [resolve(path), output]));
  return entries.map(({ outfile }) => {
    const output = outputs.get(resolve(outfile));
    if (!output) throw new Error(`esbuild wrote no ${outfile}`);
    const unbundled = output.imports
      .filter((imported) => imported.external && !isBuiltin(imported.path))
      .map((imported) => imported.path);
    return { bytes: statSync(outfile).size, unbundled: [...new Set(unbundled)] };
  });
}

/** Bundles one handler source file to `outfile` (`.mjs`). */
export async function bundleEntry(entry: string, outfile: string): Promise<Bundle> {
  const [bundle] = await bundleEntries([{ entry, outfile }], dirname(resolve(outfile)));
  return bundle!;
}

/**
 * Where a route's bundle lands under `outDir`: each function in a folder of its
 * own (as SST gives each its own artifact), at the path of its source relative
 * to the repository, as SST 3.19.3 names it (`.../http/create-room.mjs`,
 * handler `packages/functions/src/http/create-room.handler`).
 */
export function bundlePath(outDir: string, kind: FunctionKind, file: string) {
  return join(resolve(outDir), `${kind}-${file}`, "packages/functions/src", kind, `${file}.mjs`);
}

export interface BundledHandler extends Bundle {
  kind: FunctionKind;
  file: string;
  /** The `.mjs` file, with its `.map` beside it. */
  path: string;
}

/** Bundles every function of routes.ts (the HTTP and WebSocket routes', the authorizer) into `outDir`. */
export async function bundleHandlers(outDir: string): Promise<BundledHandler[]> {
  const functions = appFunctions.map(({ kind, fn }) => ({ kind, file: fn.file }));
  const entries = functions.map(({ kind, file }) => ({
    entry: join(repoRoot, "packages/functions/src", kind, `${file}.ts`),
    outfile: bundlePath(outDir, kind, file),
  }));
  const bundles = await bundleEntries(entries, resolve(outDir));
  return functions.map((fn, index) => ({ ...fn, path: entries[index]!.outfile, ...bundles[index]! }));
}

/**
 * The first `node_modules` folder Node would search from `dir` (in it or any
 * folder above), or undefined. A bundle folder must have none: a bare import
 * that the bundle forgot would quietly resolve there instead of failing.
 */
export function nodeModulesAbove(dir: string): string | undefined {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    const candidate = join(folder, "node_modules");
    if (existsSync(candidate)) return candidate;
    if (folder === parse(folder).root) return undefined;
  }
}
