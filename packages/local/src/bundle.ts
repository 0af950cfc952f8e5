// The handlers bundled as SST 3.19.3 bundles them for `sst deploy` (its Go
// runtime, pkg/runtime/node/build.go, with the esbuild 0.21.5 built into the
// sst binary): so the local runtime can serve the artifacts that deploy.
import { existsSync, statSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import { build, version as esbuildVersion, type BuildOptions } from "esbuild";
import { httpRoutes, webSocketRoutes, type FunctionKind } from "@chat/functions/routes";

export { esbuildVersion };

const repoRoot = join(import.meta.dirname, "../../..");

/** The only packages SST never bundles (its `forceExternal`). */
const forceExternal = ["sharp", "pg-native"];

/** SST's banner, verbatim from the sst 3.19.3 binary: CommonJS names for bundled CommonJS code. */
const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/** SST's esbuild options for one ESM handler; the AWS SDK is bundled, not external. */
export function sstBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
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

/**
 * Bundles one handler source file to `outfile` (`.mjs`); rejects with esbuild's
 * errors. Returns the bundle's size in bytes.
 */
export async function bundleEntry(entry: string, outfile: string): Promise<number> {
  await build(sstBuildOptions(entry, outfile));
  return statSync(outfile).size;
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

export interface BundledHandler {
  kind: FunctionKind;
  route: string;
  file: string;
  /** The `.mjs` file, with its `.map` beside it. */
  path: string;
  bytes: number;
}

/** Bundles every route of routes.ts (HTTP and WebSocket) into `outDir`. */
export async function bundleHandlers(outDir: string): Promise<BundledHandler[]> {
  const routes = [
    ...Object.entries(httpRoutes).map(([route, { file }]) => ({ kind: "http" as const, route, file })),
    ...Object.entries(webSocketRoutes).map(([route, { file }]) => ({ kind: "ws" as const, route, file })),
  ];
  return Promise.all(
    routes.map(async ({ kind, route, file }) => {
      const path = bundlePath(outDir, kind, file);
      const bytes = await bundleEntry(join(repoRoot, "packages/functions/src", kind, `${file}.ts`), path);
      return { kind, route, file, path, bytes };
    }),
  );
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
