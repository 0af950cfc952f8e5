// One execution environment of one function, in a worker thread of its own
// (lambda-pool.ts starts it on the function's bundle, which calls `serve`:
// environment-bundle.ts): the function's module is imported here once (its
// init, a cold start), its module state lives here, and it serves one
// invocation at a time, as a Lambda execution environment does.
import { flushCompileCache } from "node:module";
import tls, { getCACertificates, setDefaultCACertificates } from "node:tls";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { Grant } from "./grants";
import { type AnyHandler, resultAsJson, runInvocation } from "./invocation";
import { lambdaContext } from "./lambda-context";
import { type FromWorker, serializeError, type ToWorker, type WorkerConfig } from "./lambda-protocol";
import { invocationTraceHeader } from "./trace-header";

/** What a function's bundle hands over: its parts, imported only when called. */
export interface EnvironmentParts {
  /** Imports the preload modules, in order. */
  preload(): Promise<void>;
  /**
   * Sets up core's SDK clients, as bundled with the handler: they refuse what the
   * grant does not allow, and the management client calls over the port if given.
   */
  setUpCoreClients(grant: Grant, managementPort: MessagePort | undefined): Promise<void>;
  handlerModule(): Promise<Record<string, unknown>>;
}

export function serve(parts: EnvironmentParts) {
  const config = workerData as WorkerConfig;
  const port = parentPort!;
  const send = (message: FromWorker) => port.postMessage(message);

  async function init(): Promise<AnyHandler> {
    if (config.trustedCertificates?.length) trustOnFirstTlsConnection(config.trustedCertificates);
    await parts.preload();
    if (config.grant) {
      await parts.setUpCoreClients({ functionName: config.functionName, route: config.grant }, config.managementPort);
    }
    const module = await parts.handlerModule();
    const exportName = config.exportName ?? "handler";
    const handler = module[exportName];
    if (typeof handler !== "function") throw new Error(`${config.module} exports no function "${exportName}"`);
    return handler as AnyHandler;
  }

  const started = performance.now();
  const loaded = init();
  // Listening from the start keeps this thread alive until the pool ends it, also when
  // init fails: an exit could otherwise reach the pool before the init's error does.
  port.on("message", async (message: ToWorker) => {
    const handler = await loaded;
    const context = lambdaContext(config.functionName, {
      deadline: message.deadline,
      memoryMb: config.memoryMb,
    });
    // As Lambda sets it for each invocation (the SDK's clients send it on as X-Amzn-Trace-Id).
    process.env._X_AMZN_TRACE_ID = invocationTraceHeader();
    try {
      // The pool enforces the timeout (it ends this worker): no timer here.
      const result = await runInvocation(handler, JSON.parse(message.eventJson), context);
      send({ type: "result", id: message.id, ok: true, resultJson: resultAsJson(result) });
    } catch (error) {
      send({ type: "result", id: message.id, ok: false, error: serializeError(error) });
    }
  });
  loaded.then(
    () => {
      send({ type: "ready", initMs: performance.now() - started });
      // Node writes the code it compiled (NODE_COMPILE_CACHE) as the thread exits; written now,
      // the environments that start while this one is warm can use it too.
      flushCompileCache();
    },
    (error) => send({ type: "init-failed", error: serializeError(error) }),
  );
}

/**
 * Makes this environment's TLS clients (the handler's own too) trust the local
 * endpoints' certificates, per thread, at its first TLS connection: setting the
 * default CA list parses every root certificate (about 0.7 s of CPU here), a
 * cost an environment that never speaks TLS (this app's own) should not pay.
 */
function trustOnFirstTlsConnection(certificates: string[]) {
  const connect = tls.connect;
  tls.connect = function connectTrusting(this: unknown, ...args: unknown[]) {
    tls.connect = connect;
    setDefaultCACertificates([...getCACertificates("default"), ...certificates]);
    return (connect as (...args: unknown[]) => tls.TLSSocket).apply(this, args);
  } as typeof tls.connect;
}
