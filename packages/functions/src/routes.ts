// The one list of routes, shared by the SST config (infra/) and the local runtime
// (packages/local), so both wire the same code with the same rights: the handler
// file behind each route and exactly what it may do in AWS.

import { MAX_FRAME_ANSWER_SECONDS } from "@chat/wire";

/** The DynamoDB actions this app's code sends (TransactWriteItems is checked per item). */
export type TableAction = "GetItem" | "PutItem" | "UpdateItem" | "DeleteItem" | "Query" | "BatchWriteItem";

export interface RouteFunction {
  /** The file under packages/functions/src/<kind>/ that exports `handler`. */
  file: string;
  /** DynamoDB actions on the table itself; absent: no table access at all. */
  table?: readonly TableAction[];
  /** DynamoDB actions on the room-list index (gsi1). */
  roomListIndex?: readonly TableAction[];
  /** Posts to and closes WebSocket connections (execute-api:ManageConnections). */
  chat?: boolean;
  /** The queues it sends to (sqs:SendMessage). */
  queues?: readonly QueueName[];
}

/** This app's queues (see queueSubscribers). */
export type QueueName = "Presence" | "FanOut";

// A fan-out that meets a stale connection removes its member (leave: GetItem of
// the connection, then a transaction that deletes it and updates the room).
const fanOutCleanup = ["GetItem", "DeleteItem", "UpdateItem", "Query"] as const;
// A fan-out to a big room is queued in shards (FanOut), and the departures it
// finds there are queued as presence notices (Presence).
const fanOutQueues = ["Presence", "FanOut"] as const;

/** The HTTP API's CORS rules: infra/api.ts deploys them, and the local emulator answers with them. */
export const httpApiCors = {
  allowOrigins: ["*"],
  allowMethods: ["GET" as const, "POST" as const],
  allowHeaders: ["content-type"],
  // A 429's Retry-After, for the site (another origin) to read.
  exposeHeaders: ["retry-after"],
  maxAgeSeconds: 600,
};

export const httpRoutes = {
  // UpdateItem counts the creation against the client address's limit.
  "POST /rooms": { file: "create-room", table: ["PutItem", "UpdateItem"] },
  // BatchWriteItem deletes the expired rooms it meets.
  "GET /rooms": { file: "list-rooms", roomListIndex: ["Query"], table: ["BatchWriteItem"] },
  "GET /rooms/{roomId}": { file: "get-room", table: ["GetItem"] },
  "GET /rooms/{roomId}/messages": { file: "list-messages", table: ["GetItem", "Query"] },
  // Answers the contract's 404 body for any other path or method.
  $default: { file: "not-found" },
} as const satisfies Record<string, RouteFunction>;

export const webSocketRoutes = {
  // Joins: one transaction that counts the connect against the client address's
  // limit (UpdateItem), updates the room and puts the member and connection.
  $connect: { file: "connect", table: ["PutItem", ...fanOutCleanup], chat: true, queues: fanOutQueues },
  $disconnect: { file: "disconnect", table: fanOutCleanup, chat: true, queues: fanOutQueues },
  // Only answers with an error frame.
  $default: { file: "default", chat: true },
  // One transaction: UpdateItem counts the frame against the sender's rate limit,
  // PutItem stores the message. GetItem (in fanOutCleanup) reads the sender of a
  // connection older than the authorizer.
  sendMessage: { file: "send-message", table: ["PutItem", ...fanOutCleanup], chat: true, queues: fanOutQueues },
  typing: { file: "typing", table: fanOutCleanup, chat: true, queues: fanOutQueues },
  hello: { file: "hello", table: ["UpdateItem", "GetItem", "Query"], chat: true },
  // The rate limit's UpdateItem, and GetItem for a connection older than the authorizer.
  ping: { file: "ping", table: ["UpdateItem", "GetItem"], chat: true },
} as const satisfies Record<string, RouteFunction>;

/**
 * The $connect route's Lambda REQUEST authorizer (no table access): it names
 * the connection, and API Gateway hands its context to every later event.
 * API Gateway answers 401 without invoking it when an identity source is
 * missing; every WebSocket handshake sends Sec-WebSocket-Key, so a bad query
 * still reaches $connect, which refuses it with the contract's 400 or 404.
 */
export const connectAuthorizer = {
  file: "authorize",
  identitySources: ["route.request.header.Sec-WebSocket-Key"],
} as const satisfies RouteFunction & { identitySources: readonly string[] };

/** A queue's subscriber and how Lambda's event source mapping feeds it. */
export interface QueueSubscriber extends RouteFunction {
  /** Most records per invocation. */
  batchSize: number;
  /** How long records are gathered before an invocation (MaximumBatchingWindowInSeconds). */
  batchingWindowSeconds: number;
  /** Most invocations at once (the mapping's MaximumConcurrency; AWS's least is 2). */
  maxConcurrency: number;
  /** How long a record handed to the subscriber stays hidden; AWS asks for 6 × the function's timeout. */
  visibilityTimeoutSeconds: number;
  /** Receives before a record that keeps failing goes to the queue's dead letters (`<Name>DeadLetters`). */
  maxReceiveCount: number;
}

export const queueSubscribers = {
  // Presence notices of big rooms, gathered for a second and told once per room per batch.
  Presence: {
    file: "announce-presence",
    table: fanOutCleanup,
    chat: true,
    queues: fanOutQueues,
    batchSize: 1000,
    batchingWindowSeconds: 1,
    maxConcurrency: 2,
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
  },
  // Shards of a big room's fan-out, each posted by an invocation of its own.
  FanOut: {
    file: "deliver-shards",
    table: fanOutCleanup,
    chat: true,
    queues: ["Presence"],
    batchSize: 1,
    batchingWindowSeconds: 0,
    maxConcurrency: 10,
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
  },
} as const satisfies Record<QueueName, QueueSubscriber>;

export type FunctionKind = "http" | "ws" | "queue";

/** Every function this app deploys besides the site's: the routes', the authorizer and the queues' subscribers. */
export const appFunctions: readonly { kind: FunctionKind; fn: RouteFunction }[] = [
  ...Object.values(httpRoutes).map((fn) => ({ kind: "http" as const, fn })),
  ...Object.values(webSocketRoutes).map((fn) => ({ kind: "ws" as const, fn })),
  { kind: "ws", fn: connectAuthorizer },
  ...Object.values(queueSubscribers).map((fn) => ({ kind: "queue" as const, fn })),
];

/**
 * The longest a WebSocket function may run: a second under API Gateway's integration timeout,
 * so that a handler has ended, and written all it will write, by the time the gateway answers
 * its frame with an error.
 */
export const MAX_WS_FUNCTION_TIMEOUT_SECONDS = MAX_FRAME_ANSWER_SECONDS - 1;

/**
 * Timeout and memory per kind of function, from the bench's worst case (README,
 * "Function sizing"): what `sst deploy` configures and the local runtime enforces.
 */
export const functionSizing = {
  http: { timeoutSeconds: 5, memoryMb: 512 },
  ws: { timeoutSeconds: MAX_WS_FUNCTION_TIMEOUT_SECONDS, memoryMb: 1024 },
  // A shard or a batch of presence notices posts to up to a whole room, as a WebSocket route does.
  queue: { timeoutSeconds: 29, memoryMb: 1024 },
} as const satisfies Record<FunctionKind, { timeoutSeconds: number; memoryMb: number }>;

/**
 * Requests (HTTP) and frames and connects (WebSocket) per second each API's stage takes, steady
 * and in a burst: API Gateway's own throttling, before any function runs, so that one stage can
 * neither use up the account's shared 10,000 per second nor run up a bill with junk frames. Over
 * it, HTTP and a handshake get 429, a frame API Gateway's error frame.
 */
export const stageThrottling = {
  http: { throttlingRateLimit: 1_000, throttlingBurstLimit: 2_000 },
  ws: { throttlingRateLimit: 2_000, throttlingBurstLimit: 4_000 },
} as const;

export const handlerPath = (kind: FunctionKind, file: string) => `packages/functions/src/${kind}/${file}.handler`;
