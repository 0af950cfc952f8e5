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
}

export interface BenchResult {
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string; loadAverage: number[] };
  options: Record<string, unknown>;
  ours: TargetResult;
  baseline?: TargetResult;
  /** Ours divided by the baseline. */
  ratios?: Record<string, number>;
  cost: CostResult[];
  loadGenerator: { cpuPercentPeak: number };
}
