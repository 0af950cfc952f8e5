import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { startStack, type Stack } from "@chat/local/stack";
import { freePort } from "@chat/local/ports";
import { TEST_ADDRESS_LIMITS } from "./runtime-process";

/**
 * The local runtime's HTTP and WebSocket emulators with the real handlers, on
 * free ports, over the run's DynamoDB Local with a table of this file's own.
 * `settings` are product settings (ROOM_GRACE_SECONDS, ...) for this file.
 */
export async function startTestStack(
  settings: Record<string, string> = {},
  options: { idleTimeoutSeconds?: number; maxConnectionSeconds?: number; pingSeconds?: number } = {},
): Promise<Stack> {
  Object.assign(process.env, TEST_ADDRESS_LIMITS, settings);
  return startStack({
    apiPort: await freePort(),
    wsPort: await freePort(),
    dynamoEndpoint: inject("dynamoEndpoint"),
    tableName: `test-${randomUUID()}`,
    idleTimeoutSeconds: options.idleTimeoutSeconds,
    maxConnectionSeconds: options.maxConnectionSeconds,
    pingSeconds: options.pingSeconds,
  });
}
