import { ApiGatewayManagementApiClient, DeleteConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import pLimit from "p-limit";
import { Resource } from "sst";
import { postToConnection } from "./connection-post";
import { makeInterceptable } from "./management-transport";
import { fanOutConcurrency } from "./settings";
import type { ServerFrame } from "./types";

let client: ApiGatewayManagementApiClient | undefined;

/**
 * The management API client, built once per module on first use. Posts are
 * made from its configuration without its middleware (connection-post.ts);
 * its other commands cache their resolved middleware stack, so middleware must
 * be added before the first call; interceptors (management-transport.ts) may come at any time.
 */
export function managementClient() {
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint: Resource.Chat.managementEndpoint, cacheMiddleware: true });
    makeInterceptable(client);
  }
  return client;
}

const isGone = (error: unknown) =>
  error instanceof Error &&
  (error.name === "GoneException" ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410);

/** Sends one frame; "gone" means the connection no longer exists. */
export const post = (connectionId: string, data: Uint8Array) =>
  postToConnection(managementClient(), connectionId, data);

export const encodeFrame = (frame: ServerFrame) => Buffer.from(JSON.stringify(frame));

export const tell = (connectionId: string, frame: ServerFrame) => post(connectionId, encodeFrame(frame));

/**
 * Posts one frame to many connections with bounded concurrency. One failed
 * post never fails the others; returns the connection ids that are gone.
 */
export async function postToAll(connectionIds: string[], frame: ServerFrame): Promise<string[]> {
  const data = encodeFrame(frame);
  const limit = pLimit(fanOutConcurrency());
  const gone: string[] = [];
  await Promise.all(
    connectionIds.map((connectionId) =>
      limit(async () => {
        try {
          if ((await post(connectionId, data)) === "gone") gone.push(connectionId);
        } catch (error) {
          console.error("post to connection failed", connectionId, error);
        }
      }),
    ),
  );
  return gone;
}

export async function closeConnection(connectionId: string) {
  try {
    await managementClient().send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}
