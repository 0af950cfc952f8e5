import type { RoomMembers } from "./ipc";
import type { DollarsPerMillion, MessageUsage, PriceSheet } from "./pricing";
import type { ProcessUsage } from "./proc-usage";
import type { LatencySummary } from "./stats";

/** One offered-load step against one server. */
export interface StepResult {
  /** Messages per second offered to each room. */
  ratePerRoom: number;
  offeredMessagesPerSecond: number;
  offeredDeliveriesPerSecond: number;
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Deliveries over the step's length, or to its last receipt when later. */
  deliveriesPerSecond: number;
  latencyMs: LatencySummary;
  /** Deliveries were all in within the drain time and p95 was under the limit. */
  keptUp: boolean;
  errors: number;
  /** CPU (% of one core) and memory of each process over the step. */
  usage: Record<string, ProcessUsage>;
  /** Requests counted at the SDK per message in this step (ours only). */
  sdkPerMessage?: Record<string, number>;
}

export interface ConnectResult {
  clients: number;
  seconds: number;
  perSecond: number;
  failed: number;
}

export interface TargetResult {
  name: string;
  connect: ConnectResult;
  steps: StepResult[];
  /** The best step that kept up with no errors. */
  sustained?: { ratePerRoom: number; deliveriesPerSecond: number; latencyMs: LatencySummary };
  /** The most deliveries/s any step achieved, kept up or not (saturation throughput). */
  peakDeliveriesPerSecond: number;
  lost: number;
  duplicated: number;
  unknownDeliveries: number;
  problems: { errorFrames: number; unexpectedCloses: number; serverErrorLines: number };
}

export interface TimeSplit {
  /** Client send to the handler's first DynamoDB request (emulator, routing, handler start). */
  ingressMs: number;
  /** The DynamoDB requests, end to end at the SDK, one after the other. */
  dynamoMs: number;
  /** Of which on the wire (DynamoDB Local's own time plus HTTP). */
  dynamoWireMs: number;
  /** Handler code between and around the requests. */
  handlerMs: number;
  /** First post's start to the last member's receipt (the fan-out through the management API). */
  postsMs: number;
  /** One post, start to answer at the SDK (median). */
  postRoundTripMs: number;
  /** Send to the last member's receipt. */
  totalMs: number;
}

export interface CostResult {
  roomSize: number;
  messages: number;
  /** Requests per message, "<client>:<command>" as counted by the SDK middleware. */
  perMessage: Record<string, number>;
  dynamoRequestsPerMessage: number;
  memberQueryPagesPerMessage: number;
  postsPerMessage: number;
  postsPerMember: number;
  /** Median over the messages. */
  timeSplit: TimeSplit;
  /** Time to connect the room's members (joins fan out to everyone already in). */
  connectSeconds: number;
  lost: number;
  duplicated: number;
  /** What one message is billed as, measured (per message, averaged over the samples). */
  billing?: MessageBilling;
}

/** One message in the units AWS bills, as the cost step measured them. */
export interface MessageBilling {
  /** The client's sendMessage frame: bytes, and API Gateway messages received (32 KB units). */
  frameBytes: number;
  messagesIn: number;
  /** The posts' API Gateway messages (32 KB units each) and their mean size in bytes. */
  messagesOut: number;
  postBytes: number;
  /** DynamoDB request units: consumed capacity DynamoDB Local reported (ReturnConsumedCapacity), transactions doubled. */
  readUnits: number;
  writeUnits: number;
  /** Calls that reported no consumed capacity (a failed condition), counted as one unit each. */
  capacityEstimatedCalls: number;
  /** The median DynamoDB request's round trip at the SDK, ms. */
  dynamoRequestMs: number;
  /** Handler invocations per message, by handler ("ws-send-message"). */
  invocations: Record<string, number>;
  /** Lambda ms billed per message: each invocation's duration rounded up to 1 ms, summed. */
  lambdaBilledMs: number;
  /** "handler": timed in the server; "message": not timed there, so the message's time minus ingress. */
  durationSource: "handler" | "message";
}

/** One design's cost per message in a room of `roomSize`. */
export interface DesignCost {
  /** "ours", "gsi", "scan". */
  design: string;
  /** As the tables and the chart name it. */
  label: string;
  roomSize: number;
  /** Scan design: connection items in the table, all read for every message. */
  tableConnections?: number;
  /** Measured (ours) or modelled from the design's code with the same room (peers). */
  source: "measured" | "modelled";
  usage: MessageUsage;
  /** DynamoDB read pages per message (Query or Scan pages of up to 1 MB). */
  readPages: number;
  perMillion: DollarsPerMillion;
}

/** Dollars per million messages, per design and room size, at published prices. */
export interface DollarCostResult {
  prices: PriceSheet;
  assumptions: {
    /** Connection minutes each message carries: how long a member stays connected per message it sends. */
    connectionMinutesPerMessage: number;
    /** Memory of the WebSocket functions (infra/settings.ts): Lambda's price per ms. */
    lambdaMemoryMb: number;
    /** Connections the bench had open (its rooms plus the cost rooms): the Scan design's table. */
    benchConnections: number;
    /** Further table sizes the Scan design is priced at. */
    scanTableConnections: number[];
    /** Bytes of one connection item in the peer designs (connectionId + roomId). */
    peerConnectionItemBytes: number;
  };
  rows: DesignCost[];
}

/** One kind of invocation in the worst-case step, timed in the server from invocation to the handler's return. */
export interface InvocationTiming {
  /** What the bench did, e.g. "sendMessage that finds 50 stale members". */
  what: string;
  /** The handler, "<kind>-<file>" ("ws-send-message", "http-list-rooms"). */
  handler: string;
  samplesMs: number[];
  worstMs: number;
}

/** A Lambda timeout from a measured worst case: 5× it, rounded up to whole seconds, within the API's cap. */
export interface TimeoutAdvice {
  /** A handler, or "ws" / "http" for every function of that kind. */
  functions: string;
  worstMs: number;
  timeoutSeconds: number;
  /** The most a function may be given: 28 s (WebSocket, a second under API Gateway's 29 s), 30 s (HTTP). */
  capSeconds: number;
  /** 5× the worst case is above the cap: the timeout is the cap, with less headroom. */
  capped: boolean;
}

/** One room filled by `size` clients at once (bench/big-rooms.ts). */
export interface JoinResult {
  size: number;
  /** Until every handshake completed. */
  connectSeconds: number;
  /** Until every member showed the true member count (the newest count it was told). */
  convergedSeconds: number;
  /** Members whose count converged (all of them, unless the wait timed out). */
  converged: number;
  /** Invocations of the Presence queue's subscriber meanwhile: batches of notices. */
  presenceBatches: number;
  /** join, leave, presence and presenceCount frames each member received. */
  presencePostsPerMember: { mean: number; max: number };
  /** DynamoDB requests per member, by command, from the first connect until every count was right. */
  dynamoRequestsPerMember: Record<string, number>;
}

/** Messages to a room of `size`, posted in shards above FAN_OUT_SHARD_ABOVE. */
export interface ShardedFanOutResult {
  size: number;
  messages: number;
  join: JoinResult;
  /** From the send to the last member's receipt, per message. */
  lastMemberMs: { median: number; max: number };
  /** Shards queued for the messages (FanOut queue). */
  shards: number;
  lost: number;
  duplicated: number;
}

export interface WorstCaseResult {
  roomSize: number;
  stale: number;
  /** The cost step's room of the same size was used (else a room was filled for this step). */
  reusedRoom: boolean;
  invocations: InvocationTiming[];
  /** Before the first message, right after it (cleanup done), at the end of the step. */
  members: { withStale: RoomMembers; afterCleanup: RoomMembers; atEnd: RoomMembers; liveClients: number };
  staleRemoved: boolean;
  /** "leave" frames each live client got from the cleanup (should be `stale`). */
  leavesPerClient: { min: number; max: number };
  /** The step's messages: one delivery per live member each. */
  deliveries: { messages: number; expected: number; delivered: number; duplicated: number };
  /** SDK requests of the invocation that cleaned up, "<client>:<command>". */
  cleanupRequests: Record<string, number>;
  /** Peak RSS of the server process during the step (VmHWM after a reset, else sampled every 100 ms). */
  peakRssMiB: number;
  peakRssHow: "VmHWM" | "sampled";
  javaPeakRssMiB?: number;
  /** History page: messages of this many characters (4-byte characters, the largest items). */
  historyMessageChars: number;
  timeouts: TimeoutAdvice[];
  seconds: number;
}

export interface BenchResult {
  startedAt: string;
  durationSeconds: number;
  /** clientAddresses: whether each client connected from a loopback address of its own (client-addresses.ts). */
  machine: { cpus: number; node: string; loadAverage: number[]; clientAddresses?: "one per client" | "127.0.0.1" };
  options: Record<string, unknown>;
  ours: TargetResult;
  baseline?: TargetResult;
  /** Ours divided by the baseline. */
  ratios?: Record<string, number>;
  cost: CostResult[];
  /** The cost step's measurements in dollars, beside the peer designs' modelled cost. */
  dollars?: DollarCostResult;
  worstCase?: WorstCaseResult;
  joins?: JoinResult;
  shardedFanOut?: ShardedFanOutResult;
  loadGenerator: { cpuPercentPeak: number };
}
