import { parseArgs } from "node:util";

export interface BenchOptions {
  rooms: number;
  clients: number;
  /** Offered messages per second per room at the first step; each next step multiplies it. */
  startRate: number;
  stepFactor: number;
  maxSteps: number;
  stepSeconds: number;
  /** A step whose deliveries are not all in this long after its last send fell behind. */
  drainSeconds: number;
  /** A step whose p95 latency is above this fell behind. */
  maxP95Ms: number;
  /** Each client sends at most this many messages per second (the contract accepts 10/s). */
  maxClientRate: number;
  connectConcurrency: number;
  costSizes: number[];
  costMessages: number;
  /** Connection minutes each message carries in the dollar cost (how long a member stays connected per message it sends). */
  costConnectionMinutes: number;
  /** Table sizes (connections) the Scan-per-message design is priced at, besides the bench's own. */
  scanTableConnections: number[];
  /** Live members of the worst-case room (0: skip the worst-case step). */
  worstCaseSize: number;
  /** Stale members added to it: member items whose connection is gone. */
  worstCaseStale: number;
  /** Clients that fill one room at once in the join step (0: skip it). */
  joinRoomSize: number;
  /** Members of the room the sharded fan-out step messages (0: skip it). */
  shardRoomSize: number;
  shardMessages: number;
  baseline: boolean;
  /** DynamoDB Local keeps its data in files, as `npm start` does by default, instead of in memory. */
  dynamoDbOnDisk: boolean;
  outDir: string;
}

const usage = `npm run bench -- [flags]
  --rooms N             rooms (default 10)
  --clients N           WebSocket clients per room (default 50)
  --start-rate R        messages/s offered per room at the first step (default 1.25)
  --step-factor F       each step offers F times the previous one (default 2)
  --max-steps N         at most N steps (default 14)
  --step-seconds S      length of a step (default 4)
  --drain-seconds S     a step falls behind when its deliveries are not in S s after its last send (default 2)
  --max-p95-ms MS       a step falls behind when p95 latency exceeds MS (default 500)
  --max-client-rate R   messages/s any one client sends at most (default 8; the contract accepts 10)
  --connect-concurrency N  handshakes in flight at once while connecting, across all rooms (default 20)
  --cost-sizes A,B,C    room sizes for the cost per message (default 2,50,500; empty to skip)
  --cost-messages N     messages per room size for the cost (default 5)
  --cost-connection-minutes M  connection minutes each message carries in the dollar cost: how long
                        a member stays connected per message it sends (default 5)
  --scan-table-connections A,B  connection-table sizes the Scan-per-message design is also priced at,
                        besides the bench's own client count (default 100000; empty: only the bench's)
  --worst-case-size N   live members of the room the worst-case step times the handlers in (default 500)
  --worst-case-stale S  stale members added to that room, a count or a share of N like 10% (default 10%)
  --no-worst-case       skip the worst-case step
  --join-room N         clients that fill one room at once, timed until every count is right (default 500; 0 skips)
  --shard-room M        members of the room the sharded fan-out step messages (default 2000; 0 skips)
  --shard-messages K    messages to that room, one after another (default 5)
  --no-baseline         skip the bare ws baseline
  --dynamodb-on-disk    DynamoDB Local keeps its data in files (a temporary folder, removed after), as
                        \`npm start\` keeps .data; default: in memory
  --out DIR             results folder (default bench/results)`;

const positive = (name: string, raw: string) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number\n${usage}`);
  return value;
};

const nonNegative = (name: string, raw: string) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number, 0 or more\n${usage}`);
  return value;
};

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rooms: { type: "string", default: "10" },
      clients: { type: "string", default: "50" },
      "start-rate": { type: "string", default: "1.25" },
      "step-factor": { type: "string", default: "2" },
      "max-steps": { type: "string", default: "14" },
      "step-seconds": { type: "string", default: "4" },
      "drain-seconds": { type: "string", default: "2" },
      "max-p95-ms": { type: "string", default: "500" },
      "max-client-rate": { type: "string", default: "8" },
      "connect-concurrency": { type: "string", default: "20" },
      "cost-sizes": { type: "string", default: "2,50,500" },
      "cost-messages": { type: "string", default: "5" },
      "cost-connection-minutes": { type: "string", default: "5" },
      "scan-table-connections": { type: "string", default: "100000" },
      "worst-case-size": { type: "string", default: "500" },
      "worst-case-stale": { type: "string", default: "10%" },
      "no-worst-case": { type: "boolean", default: false },
      "join-room": { type: "string", default: "500" },
      "shard-room": { type: "string", default: "2000" },
      "shard-messages": { type: "string", default: "5" },
      "no-baseline": { type: "boolean", default: false },
      "dynamodb-on-disk": { type: "boolean", default: false },
      out: { type: "string", default: "bench/results" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const worstCaseSize = values["no-worst-case"]
    ? 0
    : Math.round(positive("worst-case-size", values["worst-case-size"]));
  const staleRaw = values["worst-case-stale"].trim();
  const worstCaseStale = staleRaw.endsWith("%")
    ? Math.round((worstCaseSize * positive("worst-case-stale", staleRaw.slice(0, -1))) / 100)
    : Math.round(positive("worst-case-stale", staleRaw));
  if (worstCaseSize > 0 && worstCaseStale < 1)
    throw new Error(`--worst-case-stale must come to at least 1 member\n${usage}`);
  const maxClientRate = positive("max-client-rate", values["max-client-rate"]);
  if (maxClientRate > 10)
    throw new Error("--max-client-rate above 10/s would hit the rate limit (contract: 10 frames/s)");
  return {
    rooms: Math.round(positive("rooms", values.rooms)),
    clients: Math.round(positive("clients", values.clients)),
    startRate: positive("start-rate", values["start-rate"]),
    stepFactor: Math.max(1.1, positive("step-factor", values["step-factor"])),
    maxSteps: Math.round(positive("max-steps", values["max-steps"])),
    stepSeconds: positive("step-seconds", values["step-seconds"]),
    drainSeconds: positive("drain-seconds", values["drain-seconds"]),
    maxP95Ms: positive("max-p95-ms", values["max-p95-ms"]),
    maxClientRate,
    connectConcurrency: Math.round(positive("connect-concurrency", values["connect-concurrency"])),
    costSizes: values["cost-sizes"]
      .split(",")
      .filter((size) => size.trim() !== "")
      .map((size) => Math.round(positive("cost-sizes", size))),
    costMessages: Math.round(positive("cost-messages", values["cost-messages"])),
    costConnectionMinutes: nonNegative("cost-connection-minutes", values["cost-connection-minutes"]),
    scanTableConnections: values["scan-table-connections"]
      .split(",")
      .filter((size) => size.trim() !== "")
      .map((size) => Math.round(positive("scan-table-connections", size))),
    worstCaseSize,
    worstCaseStale: worstCaseSize > 0 ? worstCaseStale : 0,
    joinRoomSize: Math.round(nonNegative("join-room", values["join-room"])),
    shardRoomSize: Math.round(nonNegative("shard-room", values["shard-room"])),
    shardMessages: Math.round(positive("shard-messages", values["shard-messages"])),
    baseline: !values["no-baseline"],
    dynamoDbOnDisk: values["dynamodb-on-disk"],
    outDir: values.out,
  };
}
