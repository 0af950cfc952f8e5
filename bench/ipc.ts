// The messages the bench's parent and its server children exchange over
// Node's IPC channel. Every request carries an id; the answer repeats it.

/** Set for the server child (run.ts, --dynamodb-on-disk): the folder its DynamoDB Local keeps its files in. */
export const DYNAMODB_DATA_DIR_VARIABLE = "BENCH_DYNAMODB_DATA_DIR";

/** What a child announces once it is listening. */
export interface ReadyMessage {
  kind: "ready";
  /** The HTTP API (POST /rooms) and WebSocket URLs the load generator uses. */
  apiUrl: string;
  wsUrl: string;
  /** Processes the child started itself (DynamoDB Local's java), for CPU/memory and cleanup. */
  childPids: number[];
}

/**
 * reset: zero the meter and the handler timer; counts: counts and timings;
 * trace: the same plus every call; stop: exit (the child asks itself when the
 * IPC channel closes; the parent stops it with SIGTERM). The worst-case step's:
 * invocations (handler timings since the reset), staleMembers (StaleMembersArgs), roomMembers (RoomArgs),
 * storeMessages (StoreMessagesArgs); askCapacity (a boolean: whether DynamoDB calls report their consumed capacity, which only the cost step reads; off during the load steps). The big-room steps': queueStats (QueueCounts); queuesDrained: answers once no queue holds a message (the cost step's wait for batched notices).
 */
export type RequestKind =
  | "reset"
  | "counts"
  | "trace"
  | "stop"
  | "invocations"
  | "staleMembers"
  | "roomMembers"
  | "storeMessages"
  | "queueStats"
  | "queuesDrained"
  | "askCapacity";

/** Per queue (Presence, FanOut): messages sent to it and invocations of its subscriber so far. */
export type QueueCounts = Record<string, { sent: number; invocations: number }>;

export interface Request {
  id: number;
  kind: RequestKind;
  args?: unknown;
}

export interface RoomArgs {
  roomId: string;
}

/** Members whose connection does not exist, joined `ageMs` ago (past the handshake window). */
export interface StaleMembersArgs extends RoomArgs {
  count: number;
  ageMs: number;
}

export interface StoreMessagesArgs extends RoomArgs {
  count: number;
  text: string;
}

/** The room as the table holds it. */
export interface RoomMembers {
  /** Member items in the room's partition. */
  memberItems: number;
  /** The room item's `members` counter (undefined: no such room). */
  counter: number | undefined;
}

/** One handler invocation, timed in the server child (wall clock, ms). */
export interface Invocation {
  /** "<kind>-<file>", e.g. "ws-send-message", "http-list-rooms". */
  name: string;
  start: number;
  end: number;
  ok: boolean;
}

export interface InvocationReport {
  invocations: Invocation[];
  /** Invocations started and not yet returned. */
  running: number;
  /** Handler modules the timer wrapped; empty means handlers are not timed. */
  wrapped: string[];
}

export interface Reply<T = unknown> {
  kind: "reply";
  id: number;
  body: T;
}

/** One SDK call as the server's middleware saw it (times on the wall clock, ms). */
export interface SdkCall {
  client: "dynamodb" | "management";
  command: string;
  start: number;
  end: number;
  /** Time spent on the wire (HTTP request to response) inside the call. */
  wireMs: number;
  ok: boolean;
  /** DynamoDB: the capacity units the call consumed, as the response's ConsumedCapacity reported them (absent: not reported, e.g. a failed condition). */
  capacityUnits?: number;
  /** PostToConnection: bytes of the posted data (API Gateway bills messages in 32 KB units). */
  payloadBytes?: number;
}

/** Counts and timings since the last reset. */
export interface MeterReport {
  /** Only for a "trace" request. */
  calls?: SdkCall[];
  /** Calls not kept because the trace was full (the counts still include them). */
  droppedCalls: number;
  /** Keyed "<client>:<command>", e.g. "dynamodb:QueryCommand". */
  counts: Record<string, number>;
  errors: Record<string, number>;
  totalMs: Record<string, number>;
  /** DynamoDB capacity units consumed, summed per key (only calls that reported them). */
  capacityUnits?: Record<string, number>;
  /** Calls per key that reported no consumed capacity (failed conditions, errors). */
  capacityUnreported?: Record<string, number>;
  /** Posted bytes per key, and the 32 KB message units API Gateway bills them as. */
  payloadBytes?: Record<string, number>;
  payloadUnits?: Record<string, number>;
}

/** A wall clock with sub-millisecond resolution, comparable across processes. */
export const wallClock = () => performance.timeOrigin + performance.now();
