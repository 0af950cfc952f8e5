import { stageThrottling } from "@chat/functions/routes";
import { exposeResources } from "./aws-env";
import { deferred } from "./deferred";
import { enforceGrants } from "./grants";
import { type HttpEmulator, startHttpEmulator } from "./http-emulator";
import { type FunctionRuntime, type LambdaFunction, startRouteFunctions } from "./lambda";
import { answerManagementCall } from "./management-api";
import { openManagementPort } from "./management-port";
import { type QueueEmulator, startQueueEmulator } from "./queue-emulator";
import type { StageThrottling } from "./stage-throttle";
import { type SupervisedDynamoDb, superviseDynamoDbLocal } from "./supervisor";
import { ensureTable } from "./table";
import { makeLocalCertificate } from "./tls-port";
import type { ConnectAuthorizer } from "./ws-authorizer";
import { startWebSocketEmulator, type WebSocketEmulator } from "./ws-emulator";

export interface StackOptions {
  /** 0 picks a free port (see Stack's apiPort and apiUrl). */
  apiPort: number;
  /** 0 picks a free port (see Stack's wsPort and wsUrl). */
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
  /** How functions run: each in execution environments of its own (default), or all in this process. */
  functions?: FunctionRuntime;
  /** Each API stage's route throttling; default what the stages deploy with (`stageThrottling`, routes.ts). */
  throttling?: { http: StageThrottling; ws: StageThrottling };
}

export interface Stack {
  apiUrl: string;
  wsUrl: string;
  /** The ports the emulators listen on (the ones picked when 0 was asked for). */
  apiPort: number;
  wsPort: number;
  managementEndpoint: string;
  dynamoEndpoint: string;
  tableName: string;
  webSocket: WebSocketEmulator;
  /** SQS with Lambda's event source mappings: the Presence and FanOut queues and their subscribers. */
  queues: QueueEmulator;
  /** DynamoDB Local when this stack started (and supervises) it; undefined with `dynamoEndpoint`. */
  dynamo?: SupervisedDynamoDb;
  stop(): Promise<void>;
}

/**
 * The cloud app on this machine: DynamoDB Local, then the handlers of
 * packages/functions behind the HTTP and WebSocket API emulators, and the
 * queues' subscribers behind the SQS emulator.
 * Call once per process: `Resource` is read when the handlers are imported.
 * A DynamoDB Local it starts is supervised: restarted when it dies, after which
 * the connections that closed meanwhile are removed (see supervisor.ts).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const tableName = options.tableName ?? "chat-local-Table";
  // Made while DynamoDB Local starts: the WebSocket port's TLS certificate.
  const certificate = makeLocalCertificate();
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
  let http: HttpEmulator | undefined;
  let queues: QueueEmulator | undefined;
  let stopFunctions: () => Promise<void> = async () => {};
  try {
    await ensureTable(dynamoEndpoint, tableName);
    // The emulators listen first (port 0 picks a free port, with no race between a
    // lookup and the bind), so their URLs are known before the handlers that read
    // them are imported; requests and handshakes wait until the handlers are loaded.
    const httpHandlers = deferred<HandlerTable>();
    const wsHandlers = deferred<HandlerTable>();
    const wsAuthorizer = deferred<ConnectAuthorizer>();
    const throttling = options.throttling ?? stageThrottling;
    http = await startHttpEmulator({
      port: options.apiPort,
      handlers: httpHandlers.promise,
      throttling: throttling.http,
    });
    webSocket = await startWebSocketEmulator({
      port: options.wsPort,
      handlers: wsHandlers.promise,
      authorizer: wsAuthorizer.promise,
      idleTimeoutSeconds: options.idleTimeoutSeconds,
      maxConnectionSeconds: options.maxConnectionSeconds,
      pingSeconds: options.pingSeconds,
      throttling: throttling.ws,
      certificate,
    });
    const { connectAuthorizer, httpRoutes, queueSubscribers, webSocketRoutes } = await import("@chat/functions/routes");
    // The queues' subscribers start with the other functions, below; a batch waits for them.
    const subscribers = deferred<Record<string, LambdaFunction>>();
    const queueEmulator = await startQueueEmulator({
      port: 0,
      queues: Object.entries(queueSubscribers).map(([name, subscriber]) => ({
        name,
        visibilityTimeoutSeconds: subscriber.visibilityTimeoutSeconds,
        maxReceiveCount: subscriber.maxReceiveCount,
        subscription: {
          subscriber: { invoke: async (event) => (await subscribers.promise)[name]!.invoke(event) },
          batchSize: subscriber.batchSize,
          batchingWindowSeconds: subscriber.batchingWindowSeconds,
          maxConcurrency: subscriber.maxConcurrency,
          reportBatchItemFailures: true,
        },
      })),
    });
    queues = queueEmulator;
    subscribers.promise.catch(() => undefined);
    const apiUrl = http.url;
    const wsUrl = webSocket.url;
    const managementEndpoint = webSocket.managementEndpoint;
    exposeResources({
      appName: "chat",
      tableName,
      dynamoEndpoint,
      apiUrl,
      wsUrl,
      managementEndpoint,
      sqsEndpoint: queueEmulator.endpoint,
      queueUrls: Object.fromEntries(Object.keys(queueSubscribers).map((name) => [name, queueEmulator.queueUrl(name)])),
    });

    try {
      const bundleDir = await options.bundleDir;
      const emulator = webSocket;
      const runtime: FunctionRuntime = {
        trustedCertificates: [emulator.certificate.cert],
        // SST's bundles carry clients of their own: they post over HTTP.
        ...(!bundleDir && {
          openManagementPort: () => openManagementPort((call) => answerManagementCall(call, emulator.connections)),
        }),
        ...options.functions,
      };
      if (!bundleDir && runtime.mode === "in-process") {
        // Bundles carry SDK clients of their own, out of reach of this check.
        const [{ dynamo: dynamoClient }, { managementClient }] = await Promise.all([
          import("@chat/core/db"),
          import("@chat/core/notifier"),
        ]);
        enforceGrants({ dynamo: dynamoClient, management: managementClient() });
      }
      const { removeLeftoverConnections } = await import("./sweep");
      await removeLeftoverConnections();
      const functions = await startRouteFunctions(
        { http: httpRoutes, ws: webSocketRoutes, authorizer: connectAuthorizer, queue: queueSubscribers },
        runtime,
        bundleDir,
      );
      stopFunctions = functions.stop;
      httpHandlers.resolve(functions.http);
      wsHandlers.resolve(functions.ws);
      wsAuthorizer.resolve({ function: functions.authorizer, identitySources: connectAuthorizer.identitySources });
      subscribers.resolve(functions.queue);
    } catch (error) {
      httpHandlers.reject(error);
      wsHandlers.reject(error);
      wsAuthorizer.reject(error);
      subscribers.reject(error);
      throw error;
    }
    const running = { http, webSocket, queues: queueEmulator };
    return {
      apiUrl,
      wsUrl,
      managementEndpoint,
      apiPort: Number(new URL(apiUrl).port),
      wsPort: Number(new URL(wsUrl).port),
      dynamoEndpoint,
      tableName,
      webSocket,
      queues: queueEmulator,
      dynamo,
      async stop() {
        await running.webSocket.stop();
        await running.http.stop();
        // Notices still queued have no one left to hear them.
        await running.queues.stop();
        await stopFunctions();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await webSocket?.stop();
    await http?.stop();
    await queues?.stop();
    await stopFunctions();
    await dynamo?.stop();
    throw error;
  }
}

type HandlerTable = Record<string, LambdaFunction>;

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
