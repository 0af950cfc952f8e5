import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { FunctionKind, RouteFunction } from "@chat/functions/routes";
import type { Context } from "aws-lambda";
import { withGrant } from "./grants";
import { type AnyHandler, runInvocation } from "./invocation";

/** A Lambda handler as the functions package exports it. */
export type Handler<TEvent = unknown, TResult = unknown> = (event: TEvent, context: Context) => Promise<TResult>;

/** API Gateway's longest integration timeout; functions without their own timeout get it. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A Lambda-like context for one invocation. */
export function lambdaContext(functionName: string, timeoutMs = DEFAULT_TIMEOUT_MS): Context {
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

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
 * A module's `handler` as a Lambda function runs it: async or callback-style,
 * with a context whose deadline is the function's timeout, failing with
 * "Task timed out" past it.
 */
export function asLambdaFunction(name: string, handler: Handler | AnyHandler, timeoutMs = DEFAULT_TIMEOUT_MS): Handler {
  return (event) => runInvocation(handler as AnyHandler, event, lambdaContext(name, timeoutMs), timeoutMs);
}

/**
 * Imports the handlers of a route table from packages/functions: the very
 * modules SST deploys. Import after exposeResources(). With `bundleDir`, the
 * bundles that bundleHandlers(bundleDir) wrote instead of the sources. Each
 * runs with its route's rights (grants.ts).
 */
export async function loadHandlers<TRoutes extends Record<string, RouteFunction>>(
  kind: FunctionKind,
  routes: TRoutes,
  bundleDir?: string,
): Promise<Record<keyof TRoutes, { name: string; handler: Handler }>> {
  const bundlePath = bundleDir === undefined ? undefined : (await import("./bundle")).bundlePath;
  const entries = await Promise.all(
    Object.entries(routes).map(async ([route, fn]) => {
      const handler = bundlePath
        ? await importBundledHandler(bundlePath(bundleDir!, kind, fn.file))
        : ((await import(`@chat/functions/${kind}/${fn.file}`)) as { handler: Handler }).handler;
      const name = `${kind}-${fn.file}`;
      return [route, { name, handler: withGrant(name, fn, asLambdaFunction(name, handler)) }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof TRoutes, { name: string; handler: Handler }>;
}
