import { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { LOCAL_REGION, localCredentials } from "@chat/local/aws-env";
import type { FunctionRuntime } from "@chat/local/lambda";
import { type Stack, type StackOptions, startStack } from "@chat/local/stack";
import { afterAll, beforeAll } from "vitest";
import { httpClient } from "./http";
import { TEST_ADDRESS_LIMITS } from "./runtime-process";
import { onSharedDynamoDb } from "./shared-dynamodb";
import { ChatClient } from "./ws-client";

/**
 * The local runtime's HTTP and WebSocket emulators with the real handlers, on
 * ports they pick themselves, over the run's DynamoDB Local with a table of this file's own.
 * `settings` are product settings (ROOM_GRACE_SECONDS, ...) for this file.
 * Functions run as `npm start` runs them, each in execution environments of its
 * own, unless `functions` says otherwise: a test that instruments core's SDK
 * clients from the test file asks for `{ mode: "in-process" }`.
 */
export async function startTestStack(
  settings: Record<string, string> = {},
  options: {
    idleTimeoutSeconds?: number;
    maxConnectionSeconds?: number;
    pingSeconds?: number;
    functions?: FunctionRuntime;
    throttling?: StackOptions["throttling"];
  } = {},
): Promise<Stack> {
  Object.assign(process.env, TEST_ADDRESS_LIMITS, settings);
  const shared = onSharedDynamoDb();
  return startStack({
    // Port 0: each emulator binds a free port itself (no lookup that races the bind).
    apiPort: 0,
    wsPort: 0,
    dynamoEndpoint: shared.DYNAMODB_ENDPOINT,
    tableName: shared.TABLE_NAME,
    idleTimeoutSeconds: options.idleTimeoutSeconds,
    maxConnectionSeconds: options.maxConnectionSeconds,
    pingSeconds: options.pingSeconds,
    throttling: options.throttling,
    functions: { log: () => undefined, ...options.functions },
  });
}

/**
 * The test file's stack (startTestStack's, with the same arguments), started before its tests
 * and stopped after them, with an HTTP client on it; the WebSocket clients it connects are
 * closed before the stack stops. Read `stack` and `api` inside tests and hooks.
 */
export function useTestStack(...args: Parameters<typeof startTestStack>) {
  const clients: ChatClient[] = [];
  const file = {
    stack: undefined as unknown as Stack,
    api: undefined as unknown as ReturnType<typeof httpClient>,
    /** A client in the room (under `name`, if given; `options` for its socket), closed when the file ends. */
    async join(roomId: string, name?: string, options?: Parameters<typeof ChatClient.connect>[2]): Promise<ChatClient> {
      const query: Record<string, string> = name === undefined ? { roomId } : { roomId, name };
      const client = await ChatClient.connect(file.stack.wsUrl, query, options);
      clients.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    file.stack = await startTestStack(...args);
    file.api = httpClient(file.stack.apiUrl);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await file.stack?.stop();
  });
  return file;
}

/** For a file that instruments core's SDK clients (middleware) or changes settings mid-test: handlers in its process. */
export const IN_PROCESS: FunctionRuntime = { mode: "in-process" };

/** The AWS SDK's own management API client, unchanged, given the stack's `@connections` endpoint. */
export function managementClient(stack: Stack): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint: stack.managementEndpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
  });
}
