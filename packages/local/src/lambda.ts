import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import type { MessagePort } from "node:worker_threads";
import { type FunctionKind, functionSizing, type RouteFunction } from "@chat/functions/routes";
import type { Context } from "aws-lambda";
import { bundlePath } from "./bundle";
import { bundleEnvironments } from "./environment-bundle";
import { withGrant } from "./grants";
import { type AnyHandler, eventAsJson, resultAsJson, runInvocation } from "./invocation";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, lambdaContext } from "./lambda-context";
import { FunctionPool, type InvocationRecord, wallClock } from "./lambda-pool";
import type { WorkerConfig } from "./lambda-protocol";

export { DEFAULT_TIMEOUT_MS, lambdaContext } from "./lambda-context";

/** A Lambda handler as the functions package exports it. */
export type Handler<TEvent = unknown, TResult = unknown> = (event: TEvent, context: Context) => Promise<TResult>;

/** A deployed function as API Gateway sees it: something to invoke with an event. */
export interface LambdaFunction {
  readonly name: string;
  invoke(event: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** How the local runtime runs functions. */
export interface FunctionRuntime {
  /**
   * "workers" (the default): Lambda's model, each function in execution
   * environments of its own (lambda-pool.ts). "in-process": every handler in
   * this process, one module state for all: for tests that instrument core's
   * SDK clients from the test itself.
   */
  mode?: "workers" | "in-process";
  /** Most environments per function at once (LAMBDA_CONCURRENCY; default DEFAULT_CONCURRENCY). */
  concurrency?: number;
  /** Modules each environment imports before its handler (e.g. the bench's SDK meter). */
  preload?: string[];
  /** Certificates (PEM) each environment trusts besides Node's own: the emulators' TLS. */
  trustedCertificates?: string[];
  /** A port to the WebSocket emulator's @connections per environment, for core's management client. */
  openManagementPort?: () => MessagePort;
  log?: (line: string) => void;
  /** Called as an invocation arrives, then as it ends (the bench times handlers with these). */
  onInvocationStart?: (functionName: string) => void;
  onInvocation?: (record: InvocationRecord) => void;
}

// One environment per core, at least two (one can run while another waits on I/O). Each
// environment is a thread with a start, a heap and a JIT of its own to warm: measured on 2
// cores (bench/README.md, "Changed for speed"), 2 per function connected faster than 3 and had
// lower latencies at 2,500 and 5,000 deliveries/s; 3 peaked higher than 4 or 6, 6 kept up with
// more than 12, and 12 than 20.
export const DEFAULT_CONCURRENCY = Math.max(2, availableParallelism());

/**
 * Imports the `handler` of one bundled handler (a `.mjs` file that
 * bundleHandlers wrote), from that file and nothing else.
 */
export async function importBundledHandler(path: string): Promise<Handler> {
  const module = (await import(pathToFileURL(path).href)) as { handler?: unknown };
  if (typeof module.handler !== "function") throw new Error(`${path} exports no handler function`);
  return module.handler as Handler;
}

/**
 * A handler already imported, as a Lambda function this process runs: async or
 * callback-style, with a context whose deadline is the function's timeout,
 * failing with "Task timed out" past it; with `grant`, under that route's
 * rights (grants.ts). For tests of the emulators' own behaviour, and the
 * in-process mode.
 */
export function inProcessFunction(
  name: string,
  handler: Handler | AnyHandler,
  options: Pick<FunctionRuntime, "onInvocationStart" | "onInvocation"> & {
    timeoutMs?: number;
    memoryMb?: number;
    grant?: RouteFunction;
  } = {},
): LambdaFunction {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, memoryMb = DEFAULT_MEMORY_MB, grant } = options;
  // The event and the result go through JSON, as they reach and leave a handler on Lambda.
  const run: Handler = async (event) => {
    const result = await runInvocation(
      handler as AnyHandler,
      event,
      lambdaContext(name, { deadline: Date.now() + timeoutMs, memoryMb }),
      timeoutMs,
    );
    return JSON.parse(resultAsJson(result));
  };
  const granted = grant ? withGrant(name, grant, run) : run;
  return {
    name,
    async invoke(unsentEvent) {
      // Lambda refuses an event past its quota at the call, before the handler sees it.
      const event = JSON.parse(eventAsJson(unsentEvent));
      options.onInvocationStart?.(name);
      const start = wallClock();
      let ok = false;
      try {
        const result = await granted(event, {} as Context);
        ok = true;
        return result;
      } finally {
        options.onInvocation?.({ functionName: name, start, end: wallClock(), ok });
      }
    },
    stop: async () => undefined,
  };
}

/** One function: where its handler is, its sizing and its rights. */
export interface FunctionDefinition {
  name: string;
  /** A package specifier or a file URL of the module that exports the handler. */
  module: string;
  exportName?: string;
  /** `module` is already a bundle with all it needs (HANDLERS=bundled): not bundled again. */
  prebuilt?: boolean;
  timeoutMs?: number;
  memoryMb?: number;
  /** This app's rights for it (routes.ts), enforced on core's SDK clients. */
  grant?: RouteFunction;
  /** Its environment variables, on top of this process's (execution environments only). */
  environment?: Record<string, string>;
}

export interface RunningFunctions {
  byName: Record<string, LambdaFunction>;
  stop(): Promise<void>;
}

/** Starts functions as `runtime` says: in execution environments of their own, or in this process. */
export async function startFunctions(
  definitions: FunctionDefinition[],
  runtime: FunctionRuntime = {},
): Promise<RunningFunctions> {
  const sized = definitions.map((definition) => ({
    ...definition,
    timeoutMs: definition.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: definition.memoryMb ?? DEFAULT_MEMORY_MB,
  }));
  if (runtime.mode === "in-process") {
    const functions = await Promise.all(sized.map((definition) => importInProcess(definition, runtime)));
    return { byName: Object.fromEntries(functions.map((fn) => [fn.name, fn])), stop: async () => undefined };
  }
  const bundles = await bundleEnvironments(
    sized.map(({ name, module, prebuilt, grant }) => ({
      functionName: name,
      module,
      prebuilt,
      setsUpCoreClients: grant !== undefined,
    })),
    runtime.preload,
  );
  const pools = sized.map(
    (definition) =>
      new FunctionPool({
        function: {
          functionName: definition.name,
          module: definition.module,
          exportName: definition.exportName,
          timeoutMs: definition.timeoutMs,
          memoryMb: definition.memoryMb,
          grant: definition.grant,
          environment: definition.environment,
          trustedCertificates: runtime.trustedCertificates,
        } satisfies WorkerConfig,
        bundle: bundles.files[definition.name]!,
        compileCacheDir: bundles.compileCacheDir,
        openManagementPort: runtime.openManagementPort,
        concurrency: runtime.concurrency ?? DEFAULT_CONCURRENCY,
        log: runtime.log,
        onInvocationStart: runtime.onInvocationStart,
        onInvocation: runtime.onInvocation,
      }),
  );
  return {
    byName: Object.fromEntries(
      pools.map((pool) => [
        pool.name,
        { name: pool.name, invoke: (event) => pool.invoke(event), stop: () => pool.stop() },
      ]),
    ),
    async stop() {
      await Promise.all(pools.map((pool) => pool.stop()));
    },
  };
}

async function importInProcess(
  definition: FunctionDefinition & { timeoutMs: number; memoryMb: number },
  runtime: FunctionRuntime,
): Promise<LambdaFunction> {
  const module = (await import(definition.module)) as Record<string, unknown>;
  const exported = module[definition.exportName ?? "handler"];
  if (typeof exported !== "function") throw new Error(`${definition.module} exports no handler function`);
  const { timeoutMs, memoryMb, grant } = definition;
  return inProcessFunction(definition.name, exported as AnyHandler, { ...runtime, timeoutMs, memoryMb, grant });
}

/** A route's function's name, as the runtime logs and reports it: `ws-send-message`. */
export const routeFunctionName = (kind: FunctionKind, file: string) => `${kind}-${file}`;

/** The functions of a route table, as SST deploys them: the handler, its timeout and memory, its rights. */
function routeDefinitions(kind: FunctionKind, routes: Record<string, RouteFunction>, bundleDir?: string) {
  const sizing = functionSizing[kind];
  return Object.values(routes).map(
    (fn): FunctionDefinition => ({
      name: routeFunctionName(kind, fn.file),
      module: bundleDir
        ? pathToFileURL(bundlePath(bundleDir, kind, fn.file)).href
        : `@chat/functions/${kind}/${fn.file}`,
      prebuilt: bundleDir !== undefined,
      timeoutMs: sizing.timeoutSeconds * 1000,
      memoryMb: sizing.memoryMb,
      // SST's bundles carry SDK clients of their own, out of reach of the check.
      grant: bundleDir ? undefined : fn,
    }),
  );
}

/**
 * Starts the functions of this app's route tables (packages/functions): the
 * very modules SST deploys, with the timeout and memory SST gives them, each
 * with its route's rights (grants.ts). Start after exposeResources(). With
 * `bundleDir`, the bundles that bundleHandlers(bundleDir) wrote instead of the
 * sources. Returns each table's routes with the function behind each, and the
 * WebSocket API's authorizer.
 */
export async function startRouteFunctions<
  THttp extends Record<string, RouteFunction>,
  TWs extends Record<string, RouteFunction>,
  TQueue extends Record<string, RouteFunction>,
>(
  tables: { http: THttp; ws: TWs; authorizer: RouteFunction; queue: TQueue },
  runtime: FunctionRuntime = {},
  bundleDir?: string,
) {
  const running = await startFunctions(
    [
      ...routeDefinitions("http", tables.http, bundleDir),
      ...routeDefinitions("ws", { ...tables.ws, authorizer: tables.authorizer }, bundleDir),
      ...routeDefinitions("queue", tables.queue, bundleDir),
    ],
    runtime,
  );
  const routed = <T extends Record<string, RouteFunction>>(kind: FunctionKind, routes: T) =>
    Object.fromEntries(
      Object.entries(routes).map(([route, fn]) => [route, running.byName[routeFunctionName(kind, fn.file)]!]),
    ) as Record<keyof T, LambdaFunction>;
  return {
    http: routed("http", tables.http),
    ws: routed("ws", tables.ws),
    authorizer: running.byName[routeFunctionName("ws", tables.authorizer.file)]!,
    queue: routed("queue", tables.queue),
    stop: running.stop,
  };
}
