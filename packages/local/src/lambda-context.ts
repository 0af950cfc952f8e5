import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

/** API Gateway's longest integration timeout; functions without their own timeout get it. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Lambda's default memory size. */
export const DEFAULT_MEMORY_MB = 128;

/** A Lambda-like context for one invocation that ends by `deadline` (epoch ms). */
export function lambdaContext(
  functionName: string,
  {
    deadline = Date.now() + DEFAULT_TIMEOUT_MS,
    memoryMb = DEFAULT_MEMORY_MB,
  }: { deadline?: number; memoryMb?: number } = {},
): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
