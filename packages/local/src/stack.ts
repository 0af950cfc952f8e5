import { exposeResources } from "./aws-env";
import { startHttpEmulator } from "./http-emulator";
import { enforceGrants } from "./grants";
import { loadHandlers } from "./lambda";
import { superviseDynamoDbLocal, type SupervisedDynamoDb } from "./supervisor";
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
  /** DynamoDB Local when this stack started (and supervises) it; undefined with `dynamoEndpoint`. */
  dynamo?: SupervisedDynamoDb;
  stop(): Promise<void>;
}

/**
 * The cloud app on this machine: DynamoDB Local, then the handlers of
 * packages/functions behind the HTTP and WebSocket API emulators.
 * Call once per process: `Resource` is read when the handlers are imported.
 * A DynamoDB Local it starts is supervised: restarted when it dies, after which
 * the connections that closed meanwhile are removed (see supervisor.ts).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const tableName = options.tableName ?? "chat-local-Table";
  let webSocket: WebSocketEmulator | undefined;
  let dynamo: SupervisedDynamoDb | undefined;
  if (!options.dynamoEndpoint) {
    dynamo = await superviseDynamoDbLocal({
      port: options.dynamoPort ?? 8000,
      dataDir: options.dataDir,
      tableName,
      afterRestart: ({ dataLost, restartedAt }) => reconcile(webSocket, dataLost, restartedAt),
    });
  }
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
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
      const [{ dynamo: dynamoClient }, { managementClient }] = await Promise.all([
        import("@chat/core/db"),
        import("@chat/core/notifier"),
      ]);
      enforceGrants(dynamoClient, managementClient());
    }
    const { removeLeftoverConnections } = await import("./sweep");
    await removeLeftoverConnections();
    const http = await startHttpEmulator({
      port: options.apiPort,
      handlers: await loadHandlers("http", httpRoutes, bundleDir),
    });
    webSocket = await startWebSocketEmulator({
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
      dynamo,
      async stop() {
        await webSocket!.stop();
        await http.stop();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }
}

/**
 * Puts the runtime right after DynamoDB Local came back. On disk: connections
 * that closed during the outage (their $disconnect failed) are removed as
 * $disconnect would have. In memory, every record is gone: the open
 * connections are closed (1012, service restart) so clients reconnect and
 * learn their room is gone.
 */
async function reconcile(webSocket: WebSocketEmulator | undefined, dataLost: boolean, restartedAt: number) {
  if (dataLost) {
    const open = [...(webSocket?.connections.values() ?? [])];
    for (const connection of open) connection.socket?.close(1012, "Service Restart");
    return `data lost, closed ${open.length} open connection${open.length === 1 ? "" : "s"}`;
  }
  const { removeClosedConnections } = await import("./sweep");
  const removed = await removeClosedConnections(webSocket?.connections ?? new Map(), restartedAt);
  return `removed ${removed} connection${removed === 1 ? "" : "s"} that closed while it was down`;
}
