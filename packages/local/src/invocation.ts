import type { Context } from "aws-lambda";

type Callback = (error?: unknown, result?: unknown) => void;
/** What a module may export as `handler`: async, or callback-style as Lambda's Node.js runtime allows. */
export type AnyHandler = (event: unknown, context: Context, callback: Callback) => unknown;

/** Lambda's own message when an invocation outlives its function's timeout. */
export class TaskTimedOut extends Error {
  override name = "Sandbox.Timedout";
  constructor(timeoutMs: number) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}

/** Lambda's Node.js runtime's own error for a result JSON.stringify refuses (a BigInt, a cycle). */
export class ResultNotSerializable extends Error {
  override name = "Runtime.JSONStringifyError";
  constructor() {
    super("Unable to stringify response body");
  }
}

/** The most a synchronous invocation's response may carry, in bytes (Lambda's quota, "6 MB"). */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** Lambda's error for a response past MAX_RESPONSE_BYTES (the invocation fails; API Gateway answers 500). */
export class ResponseSizeTooLarge extends Error {
  override name = "Function.ResponseSizeTooLarge";
  constructor(bytes: number) {
    super(
      `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    );
  }
}

/** The most a synchronous invocation's event may carry, in bytes (Lambda's quota, "6 MB"; 100 bytes under the response's). */
export const MAX_EVENT_BYTES = 6_291_456;

/** Lambda's refusal of an Invoke whose event is past MAX_EVENT_BYTES: no handler runs (API Gateway answers 413). */
export class RequestTooLarge extends Error {
  override name = "RequestEntityTooLargeException";
  constructor() {
    super(`Request must be smaller than ${MAX_EVENT_BYTES} bytes for the InvokeFunction operation`);
  }
}

/** A UTF-8 character takes at most 3 bytes per UTF-16 unit: most texts need no count. */
const utf8BytesOver = (text: string, limit: number) => text.length * 3 > limit && Buffer.byteLength(text) > limit;

/**
 * An event as Lambda hands it to the runtime: JSON text (undefined as null),
 * which the handler gets parsed. An event past Lambda's quota is refused.
 */
export function eventAsJson(event: unknown): string {
  const json = JSON.stringify(event === undefined ? null : event);
  if (utf8BytesOver(json, MAX_EVENT_BYTES)) throw new RequestTooLarge();
  return json;
}

/**
 * A handler's result as Lambda's Node.js runtime sends it on: its JSON text
 * (undefined as null), so what JSON drops (functions, undefined members) is
 * gone and dates are strings; what JSON.stringify refuses, or a text past
 * Lambda's response quota, fails the invocation.
 */
export function resultAsJson(result: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(result === undefined ? null : result) ?? "null";
  } catch {
    throw new ResultNotSerializable();
  }
  if (utf8BytesOver(json, MAX_RESPONSE_BYTES)) throw new ResponseSizeTooLarge(Buffer.byteLength(json));
  return json;
}

/**
 * Runs one invocation as Lambda's Node.js runtime does: the handler may return
 * a promise, or answer through the callback (or context.succeed / fail /
 * done); past `timeoutMs`, if given, the invocation fails with "Task timed
 * out". The handler's own work cannot be frozen in-process, as Lambda freezes
 * it: it is left to finish, and its late result is ignored (a function's worker
 * is ended instead: lambda-pool.ts).
 */
export function runInvocation(
  handler: AnyHandler,
  event: unknown,
  context: Context,
  timeoutMs?: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, result?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    const timer =
      timeoutMs === undefined ? undefined : setTimeout(() => settle(new TaskTimedOut(timeoutMs)), timeoutMs);
    const callback: Callback = (error, result) => settle(error, result);
    const withCallbacks: Context = {
      ...context,
      done: (error?: Error, result?: unknown) => settle(error, result),
      succeed: (result: unknown) => settle(undefined, result),
      fail: (error: Error | string) => settle(error instanceof Error ? error : new Error(error)),
    };
    try {
      const returned = handler(event, withCallbacks, callback);
      // An async handler answers with its promise; a callback-style one through the callback.
      if (returned && typeof (returned as PromiseLike<unknown>).then === "function") {
        (returned as PromiseLike<unknown>).then(
          (result) => settle(undefined, result),
          (error) => settle(error ?? new Error("handler rejected")),
        );
      } else if (handler.length < 3) {
        settle(undefined, returned);
      }
    } catch (error) {
      settle(error);
    }
  });
}
