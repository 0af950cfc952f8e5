import { exposeResources } from "./aws-env";
import { startDynamoDbLocal, type DynamoDbLocal } from "./dynamodb-local";
import { startHttpEmulator } from "./http-emulator";
import { enforceGrants } from "./grants";
import { loadHandlers } from "./lambda";
import { ensureTable } from "./table";
import { startWebSocketEmulator, type WebSocketEmulator } from "./ws-emulator";

export interface StackOptions {
  apiPort: number;
  wsPort: number;
  /** Use a DynamoDB (Local) that is already running instead of starting one. */
  dynamoEndpoint?: string;
  dynamoPort?: number;
  /** DynamoDB Local's files; undefined keeps data in memory. */
  dataDir?: string;
  tableName?: string;
  idleTimeoutSeconds?: number;
  maxConnectionSeconds?: number;
  /** WS_PING_SECONDS: seconds between pings to each connection (default 30). */
  pingSeconds?: number;
  /**
   * Serve the handlers that bundleHandlers wrote to this folder instead of their
   * sources; a promise (bundling still running) is awaited once DynamoDB is up.
   */
  bundleDir?: string | Promise<string>;
}

export interface Stack {
  apiUrl: string;
  wsUrl: string;
  managementEndpoint: string;
  dynamoEndpoint: string;
  tableName: string;
  webSocket: WebSocketEmulator;
  stop(): Promise<void>;
}

/**
 * The cloud app on this machine: DynamoDB Local, then the handlers of
 * packages/functions behind the HTTP and WebSocket API emulators.
 * Call once per process: `Resource` is read when the handlers are imported.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  let dynamo: DynamoDbLocal | undefined;
  if (!options.dynamoEndpoint) {
    dynamo = await startDynamoDbLocal({ port: options.dynamoPort ?? 8000, dataDir: options.dataDir });
  }
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  const tableName = options.tableName ?? "chat-local-Table";
  try {
    await ensureTable(dynamoEndpoint, tableName);
    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    const wsUrl = `ws://127.0.0.1:${options.wsPort}`;
    const managementEndpoint = `http://127.0.0.1:${options.wsPort}`;
    exposeResources({ appName: "chat", tableName, dynamoEndpoint, apiUrl, wsUrl, managementEndpoint });

    const { httpRoutes, webSocketRoutes } = await import("@chat/functions/routes");
    const bundleDir = await options.bundleDir;
    if (!bundleDir) {
      // Bundles carry SDK clients of their own, out of reach of this check.
      const [{ dynamo }, { managementClient }] = await Promise.all([
        import("@chat/core/db"),
        import("@chat/core/notifier"),
      ]);
      enforceGrants(dynamo, managementClient());
    }
    const { removeLeftoverConnections } = await import("./sweep");
    await removeLeftoverConnections();
    const http = await startHttpEmulator({
      port: options.apiPort,
      handlers: await loadHandlers("http", httpRoutes, bundleDir),
    });
    const webSocket = await startWebSocketEmulator({
      port: options.wsPort,
      handlers: await loadHandlers("ws", webSocketRoutes, bundleDir),
      idleTimeoutSeconds: options.idleTimeoutSeconds ?? 600,
      maxConnectionSeconds: options.maxConnectionSeconds ?? 7200,
      pingSeconds: options.pingSeconds,
    });
    return {
      apiUrl,
      wsUrl,
      managementEndpoint,
      dynamoEndpoint,
      tableName,
      webSocket,
      async stop() {
        await webSocket.stop();
        await http.stop();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }
}
