import type { MessagePort } from "node:worker_threads";
import type { RouteFunction } from "@chat/functions/routes";

// The messages between a function's pool (lambda-pool.ts, the main thread) and
// one of its workers (lambda-worker.ts, a worker thread).

/** What a worker is started with: one function, as Lambda configures it. */
export interface WorkerConfig {
  functionName: string;
  /** The module that exports the handler: a package specifier or a file URL. */
  module: string;
  /** Its export to call (Lambda's handler setting after the dot); default `handler`. */
  exportName?: string;
  timeoutMs: number;
  memoryMb: number;
  /** This app's route rights, enforced on core's SDK clients (grants.ts); absent: none checked. */
  grant?: RouteFunction;
  /** Environment variables on top of this process's (Lambda's function configuration). */
  environment?: Record<string, string>;
  /** Where core's management client sends its calls (management-port.ts); absent: over HTTP. */
  managementPort?: MessagePort;
  /** Certificates (PEM) trusted besides Node's own: the local emulators' (tls-port.ts). */
  trustedCertificates?: string[];
}

/** The event and the result cross as JSON text, as they reach and leave a handler on Lambda. */
export type ToWorker = { type: "invoke"; id: number; eventJson: string; deadline: number };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type FromWorker =
  | { type: "ready"; initMs: number }
  | { type: "init-failed"; error: SerializedError }
  | { type: "result"; id: number; ok: true; resultJson: string }
  | { type: "result"; id: number; ok: false; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: typeof error === "string" ? error : JSON.stringify(error) };
}

export function deserializeError(error: SerializedError): Error {
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}
