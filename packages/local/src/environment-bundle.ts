// Each function's execution environment is one ES module: the worker's
// serving loop, the preload modules and the handler's module with everything
// it imports, bundled by esbuild (as `sst dev` bundles a function before it
// runs it). A worker then starts with no TypeScript loader: its cold start is
// the handler's own init. Bundled together, the handler and the grant check
// share core's SDK clients, so the check sees every call the handler makes.
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BuildOptions, build as esbuild, type Plugin } from "esbuild";
import { cachedBuild } from "./build-cache";
import { banner } from "./bundle";
import { nodeHttpByRequire } from "./node-http-by-require";

const sourceOf = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const WORKER = sourceOf("./lambda-worker.ts");
const GRANTS = sourceOf("./grants.ts");
const MANAGEMENT_PORT = sourceOf("./management-port.ts");
const CLIENTS_HOOK = sourceOf("./core-clients-hook.ts");
const NODE_HTTP_PLUGIN = new URL("./node-http-by-require.ts", import.meta.url).href;
const ENTRY_NAMESPACE = "lambda-environment";

export interface EnvironmentEntry {
  functionName: string;
  /** A package specifier or a file URL. */
  module: string;
  /** Already a bundle (`HANDLERS=bundled`): loaded as it is, not bundled again. */
  prebuilt?: boolean;
  /** Whether this app's core clients are set up (grant check, management port): bundles them in. */
  setsUpCoreClients?: boolean;
}

export interface EnvironmentBundles {
  /** The bundle (a file URL) of each function, by name. */
  files: Record<string, URL>;
  /**
   * Where the environments keep V8's compiled code for the bundles
   * (NODE_COMPILE_CACHE): beside them, so it goes when the build is swept.
   */
  compileCacheDir: string;
}

const importable = (module: string) => (module.startsWith("file:") ? fileURLToPath(module) : module);

// Core's SDK clients, by the module that makes each.
const CORE_CLIENTS = { dynamo: "@chat/core/db", management: "@chat/core/notifier" } as const;
type CoreClient = keyof typeof CORE_CLIENTS;

/**
 * The setup of the core clients a handler reaches: shown to the preloads' listeners
 * (core-clients-hook.ts), each with its grant check, posts over the port.
 */
function setUpLines(clients: CoreClient[]): string[] {
  if (clients.length === 0) return [];
  const importOf = (module: string) => `await import(${JSON.stringify(module)})`;
  return [
    `    const { enforceGrants } = ${importOf(GRANTS)};`,
    ...(clients.includes("dynamo") ? [`    const { dynamo } = ${importOf(CORE_CLIENTS.dynamo)};`] : []),
    ...(clients.includes("management")
      ? [
          `    const management = (${importOf(CORE_CLIENTS.management)}).managementClient();`,
          `    if (managementPort) (${importOf(MANAGEMENT_PORT)}).useManagementPort(management, managementPort);`,
        ]
      : []),
    // Before the grant check, the order in which a preload that imported the clients wrapped them.
    `    (${importOf(CLIENTS_HOOK)}).coreClientsSetUp({ ${clients.join(", ")} });`,
    `    enforceGrants({ ${clients.join(", ")} }, () => grant);`,
  ];
}

function entrySource(entry: EnvironmentEntry, preload: string[], clients: CoreClient[]) {
  const handler = entry.prebuilt ? entry.module : importable(entry.module);
  return [
    `import { serve } from ${JSON.stringify(WORKER)};`,
    "serve({",
    "  async preload() {",
    ...preload.map((module) => `    await import(${JSON.stringify(importable(module))});`),
    "  },",
    "  async setUpCoreClients(grant, managementPort) {",
    ...(entry.setsUpCoreClients
      ? setUpLines(clients)
      : ['    throw new Error("core is not bundled for " + grant.functionName);']),
    "  },",
    `  handlerModule: () => import(${JSON.stringify(handler)}),`,
    "});",
  ].join("\n");
}

/**
 * Bundles one environment per function (into a cached folder: build-cache.ts,
 * reused while no file the bundles were made from has changed).
 */
export async function bundleEnvironments(
  entries: EnvironmentEntry[],
  preload: string[] = [],
): Promise<EnvironmentBundles> {
  // The builder's files' dates are part of the key: a change to how bundles are made makes new ones.
  const builder = [import.meta.url, NODE_HTTP_PLUGIN].map((file) => statSync(fileURLToPath(file)).mtimeMs);
  const key = JSON.stringify({ entries, preload, builder });
  const outdir = await cachedBuild(key, (dir) => build(entries, preload, dir));
  const files = Object.fromEntries(
    entries.map(({ functionName }) => [functionName, pathToFileURL(join(outdir, `${functionName}.mjs`))]),
  );
  return { files, compileCacheDir: join(outdir, "compile-cache") };
}

// How the bundles find and read modules; the analysis of what a handler reaches does the same.
const RESOLVING = {
  bundle: true,
  platform: "node",
  format: "esm",
  mainFields: ["module", "main"],
  // A handler setting names its file without the extension, as Lambda's does.
  resolveExtensions: [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".json"],
} as const satisfies BuildOptions;

/**
 * Which of core's SDK clients each function's handler reaches through its imports (static or
 * dynamic), by function name: its environment sets up only those, as a function deployed by SST
 * carries only what its handler imports (loading the AWS SDK's clients takes about 90 ms of CPU
 * at every cold start). Each handler is resolved as its environment's bundle resolves it. A
 * prebuilt handler is not looked into, and gets both.
 */
export async function coreClientsReached(entries: EnvironmentEntry[]): Promise<Map<string, CoreClient[]>> {
  const everything = Object.keys(CORE_CLIENTS) as CoreClient[];
  const reached = new Map(entries.map((entry) => [entry.functionName, everything]));
  const analysed = entries.filter((entry) => !entry.prebuilt);
  if (analysed.length === 0) return reached;
  const handlerImports: Plugin = {
    name: "handler-imports",
    setup(build) {
      build.onResolve({ filter: /^handler:/ }, ({ path }) => ({ path, namespace: "handler" }));
      build.onLoad({ filter: /.*/, namespace: "handler" }, ({ path }) => ({
        contents: `import(${JSON.stringify(importable(analysed[Number(path.slice("handler:".length))]!.module))});`,
        loader: "js",
        resolveDir: import.meta.dirname,
      }));
    },
  };
  const { metafile } = await esbuild({
    ...RESOLVING,
    // Outputs named by position: a function's name may hold a slash.
    entryPoints: analysed.map((_, at) => ({ in: `handler:${at}`, out: String(at) })),
    // Explicit: esbuild's default is the directory its service started in, not today's.
    absWorkingDir: import.meta.dirname,
    outdir: "analysis",
    write: false,
    metafile: true,
    plugins: [handlerImports],
    logLevel: "silent",
  });
  const require = createRequire(import.meta.url);
  const sources = everything.map((client) => [client, require.resolve(CORE_CLIENTS[client])] as const);
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    const read = new Set(Object.keys(inputs).map((input) => resolve(import.meta.dirname, input)));
    const entry = analysed[Number(basename(output, ".js"))];
    if (!entry) continue;
    reached.set(
      entry.functionName,
      sources.filter(([, source]) => read.has(source)).map(([client]) => client),
    );
  }
  return reached;
}

// esbuild names a module a plugin made `namespace:path` (whichever plugin made it), a file by its
// path alone (two characters at least before a colon: a Windows drive letter is a path). Such a
// module is no file: recorded as a source, it would look deleted, and the cache would sweep the
// build away as soon as it was made.
const fromPluginNamespace = (input: string) => /^[\w-]{2,}:/.test(input);

/** Bundles into `outdir`; resolves with the files the bundles were made from. */
async function build(entries: EnvironmentEntry[], preload: string[], outdir: string): Promise<string[]> {
  const byName = new Map(entries.map((entry) => [entry.functionName, entry]));
  const reached = await coreClientsReached(entries.filter((entry) => entry.setsUpCoreClients));
  const prebuilt = new Set(entries.filter((entry) => entry.prebuilt).map((entry) => entry.module));
  const virtualEntries: Plugin = {
    name: "lambda-environments",
    setup(build) {
      build.onResolve({ filter: /^lambda-environment:/ }, ({ path }) => ({ path, namespace: ENTRY_NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: ENTRY_NAMESPACE }, ({ path }) => {
        const name = path.slice(`${ENTRY_NAMESPACE}:`.length);
        return {
          contents: entrySource(byName.get(name)!, preload, reached.get(name) ?? []),
          loader: "js",
          resolveDir: import.meta.dirname,
        };
      });
      build.onResolve({ filter: /^file:/ }, ({ path }) => (prebuilt.has(path) ? { path, external: true } : undefined));
    },
  };
  const { metafile } = await esbuild({
    entryPoints: entries.map(({ functionName }) => ({
      in: `${ENTRY_NAMESPACE}:${functionName}`,
      out: functionName,
    })),
    outdir,
    outExtension: { ".js": ".mjs" },
    ...RESOLVING,
    // The code the functions share (core, the AWS SDK) is written once, in chunks they import.
    splitting: true,
    chunkNames: "shared/[name]-[hash]",
    target: "node22",
    keepNames: true,
    sourcemap: "linked",
    // Stack traces need only the mappings, which point at the source files themselves. The
    // sources' text would make each environment read and parse maps twice the size as it starts.
    sourcesContent: false,
    banner: { js: banner },
    plugins: [virtualEntries, nodeHttpByRequire],
    metafile: true,
    logLevel: "silent",
  });
  return [
    ...Object.keys(metafile!.inputs)
      .filter((input) => !fromPluginNamespace(input))
      .map((input) => resolve(input)),
    ...[...prebuilt].map((module) => fileURLToPath(module)),
  ];
}
