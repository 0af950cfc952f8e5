// The messages the bench's parent and its server children exchange over
// Node's IPC channel. Every request carries an id; the answer repeats it.

/** What a child announces once it is listening. */
export interface ReadyMessage {
  kind: "ready";
  /** The HTTP API (POST /rooms) and WebSocket URLs the load generator uses. */
  apiUrl: string;
  wsUrl: string;
  /** Processes the child started itself (DynamoDB Local's java), for CPU/memory and cleanup. */
  childPids: number[];
}

/** reset: zero the meter; counts: counts and timings; trace: the same plus every call; stop: exit. */
export type RequestKind = "reset" | "counts" | "trace" | "stop";

export interface Request {
  id: number;
  kind: RequestKind;
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
}

/** A wall clock with sub-millisecond resolution, comparable across processes. */
export const wallClock = () => performance.timeOrigin + performance.now();
