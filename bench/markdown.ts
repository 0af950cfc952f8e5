import { handshakeWindowMs } from "@chat/core/settings";
import { DESIGN_LABELS } from "./pricing-model";
import { commonStep, p99AgainstBaseline } from "./ratios";
import type {
  BenchResult,
  CostResult,
  DesignCost,
  DollarCostResult,
  JoinResult,
  StepResult,
  TargetResult,
  WorstCaseResult,
} from "./results-types";
import { HEADROOM, TIMEOUT_CAP_S } from "./worst-case";

const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
/** A ratio as "3.2×", or "–" when there is none (a missing or zero denominator). */
const times = (ratio: number | undefined) => (ratio === undefined || Number.isNaN(ratio) ? "–" : `${ratio}×`);
const cpu = (step: StepResult, name: string) => {
  const usage = Object.entries(step.usage).find(([process]) => process.includes(name))?.[1];
  return usage ? `${usage.cpuPercent.toFixed(0)}%` : "–";
};

/** With `baseline`, a last column gives each step's p99 over the baseline's at the same offered load. */
function stepsTable(target: TargetResult, baseline?: TargetResult) {
  return table(
    [
      "msg/s offered",
      "deliveries/s offered",
      "deliveries/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "lost",
      "dup",
      "server CPU",
      "java CPU",
      "loadgen CPU",
      "kept up",
      ...(baseline ? ["p99 ÷ baseline p99"] : []),
    ],
    target.steps.map((step) => [
      step.offeredMessagesPerSecond,
      step.offeredDeliveriesPerSecond,
      step.deliveriesPerSecond,
      ms(step.latencyMs.p50),
      ms(step.latencyMs.p95),
      ms(step.latencyMs.p99),
      ms(step.latencyMs.max),
      step.lost,
      step.duplicated,
      cpu(step, "server"),
      cpu(step, "java"),
      cpu(step, "load generator"),
      step.keptUp ? "yes" : "**no**",
      ...(baseline ? [times(p99AgainstBaseline(step, baseline))] : []),
    ]),
  );
}

function summaryTable(result: BenchResult) {
  const { ours, baseline, ratios } = result;
  const shared = baseline && commonStep(ours, baseline);
  const row = (
    what: string,
    oursValue: string | number,
    baselineValue: string | number | undefined,
    ratio?: number,
  ) => [what, oursValue, baselineValue ?? "–", times(ratio)];
  const peakRss = (target: TargetResult, name: string) =>
    Math.max(
      0,
      ...target.steps.map(
        (step) => Object.entries(step.usage).find(([process]) => process.includes(name))?.[1].peakRssMiB ?? 0,
      ),
    );
  return table(
    ["", "ours", "bare ws baseline", "ours ÷ baseline"],
    [
      row(
        "sustained deliveries/s (best step that kept up)",
        ours.sustained?.deliveriesPerSecond ?? "none",
        baseline?.sustained?.deliveriesPerSecond,
        ratios?.sustainedDeliveriesPerSecond,
      ),
      row(
        "peak deliveries/s (any step; the baseline's is a floor when it never fell behind)",
        ours.peakDeliveriesPerSecond,
        baseline?.peakDeliveriesPerSecond,
        ratios?.peakDeliveriesPerSecond,
      ),
      ...(shared
        ? [
            row(
              `p50 / p95 / p99 ms at ${shared.ours.offeredDeliveriesPerSecond} deliveries/s (ratio of p95)`,
              `${ms(shared.ours.latencyMs.p50)} / ${ms(shared.ours.latencyMs.p95)} / ${ms(shared.ours.latencyMs.p99)}`,
              `${ms(shared.baseline.latencyMs.p50)} / ${ms(shared.baseline.latencyMs.p95)} / ${ms(shared.baseline.latencyMs.p99)}`,
              ratios?.p95AtSameLoad,
            ),
          ]
        : []),
      row(
        "max latency ms at that load",
        shared ? ms(shared.ours.latencyMs.max) : "–",
        shared ? ms(shared.baseline.latencyMs.max) : undefined,
      ),
      row(
        `connect ${ours.connect.clients} clients: s (per s)`,
        `${ours.connect.seconds} (${ours.connect.perSecond})`,
        baseline && `${baseline.connect.seconds} (${baseline.connect.perSecond})`,
        ratios?.connectsPerSecond,
      ),
      row(
        "lost / duplicated deliveries",
        `${ours.lost} / ${ours.duplicated}`,
        baseline && `${baseline.lost} / ${baseline.duplicated}`,
      ),
      row(
        "error frames / unexpected closes",
        `${ours.problems.errorFrames} / ${ours.problems.unexpectedCloses}`,
        baseline && `${baseline.problems.errorFrames} / ${baseline.problems.unexpectedCloses}`,
      ),
      row(
        "peak RSS MiB: server (java)",
        `${peakRss(ours, "server")} (${peakRss(ours, "java")})`,
        baseline && `${peakRss(baseline, "server")}`,
      ),
    ],
  );
}

function costTable(cost: CostResult[]) {
  return table(
    [
      "room size",
      "DynamoDB requests/msg",
      "of which member-query pages",
      "posts/msg",
      "posts per member",
      "per command",
      "lost",
      "dup",
    ],
    cost.map((row) => [
      row.roomSize,
      row.dynamoRequestsPerMessage,
      row.memberQueryPagesPerMessage,
      row.postsPerMessage,
      row.postsPerMember,
      Object.entries(row.perMessage)
        .map(([key, value]) => `${key.replace(/Command$/, "")} ${value}`)
        .join(", "),
      row.lost,
      row.duplicated,
    ]),
  );
}

function timeTable(cost: CostResult[]) {
  return table(
    [
      "room size",
      "ingress ms",
      "DynamoDB ms (on the wire)",
      "handler ms",
      "posts ms",
      "one post ms",
      "total ms",
      "connect room s",
    ],
    cost.map(({ roomSize, timeSplit: t, connectSeconds }) => [
      roomSize,
      ms(t.ingressMs),
      `${ms(t.dynamoMs)} (${ms(t.dynamoWireMs)})`,
      ms(t.handlerMs),
      ms(t.postsMs),
      ms(t.postRoundTripMs),
      ms(t.totalMs),
      connectSeconds,
    ]),
  );
}

const usd = (value: number) =>
  value === 0
    ? "$0"
    : value >= 100
      ? `$${value.toFixed(0)}`
      : value >= 1
        ? `$${value.toFixed(2)}`
        : `$${value.toPrecision(2)}`;
const thousands = (value: number) => value.toLocaleString("en-US");
const perMillionPrice = (value: number) => Number((value * 1e6).toPrecision(6));

/** Room size × design, total dollars per million messages (the headline), and each design ÷ ours. */
function dollarsTable(dollars: DollarCostResult) {
  const labels = [...new Set(dollars.rows.map((row) => row.label))];
  const sizes = [...new Set(dollars.rows.map((row) => row.roomSize))].sort((a, b) => a - b);
  const find = (size: number, label: string) =>
    dollars.rows.find((row) => row.roomSize === size && row.label === label);
  return table(
    ["room size", ...labels],
    sizes.map((size) => {
      const ours = find(size, DESIGN_LABELS.ours)?.perMillion.total;
      return [
        size,
        ...labels.map((label) => {
          const row = find(size, label);
          if (!row) return "–";
          const ratio = ours && row.design !== "ours" ? ` (${(row.perMillion.total / ours).toFixed(2)}×)` : "";
          return `${usd(row.perMillion.total)}${ratio}`;
        }),
      ];
    }),
  );
}

/** Each design's bill, line by line, per million messages. */
function dollarsBreakdown(rows: DesignCost[]) {
  return table(
    [
      "room size",
      "design",
      "API Gateway messages (in + out)",
      "connection minutes",
      "Lambda requests",
      "Lambda GB-s (billed ms)",
      "DynamoDB reads (RRU/msg, pages)",
      "DynamoDB writes (WRU/msg)",
      "total",
    ],
    [...rows]
      .sort((a, b) => a.roomSize - b.roomSize)
      .map((row) => [
        row.roomSize,
        `${row.label}${row.source === "modelled" ? " *" : ""}`,
        `${usd(row.perMillion.apiMessages)} (${row.usage.messagesIn} + ${row.usage.messagesOut})`,
        usd(row.perMillion.connectionMinutes),
        usd(row.perMillion.lambdaRequests),
        `${usd(row.perMillion.lambdaDuration)} (${row.usage.lambdaBilledMs} ms)`,
        `${usd(row.perMillion.dynamoReads)} (${row.usage.dynamoReadUnits}, ${row.readPages})`,
        `${usd(row.perMillion.dynamoWrites)} (${row.usage.dynamoWriteUnits})`,
        `**${usd(row.perMillion.total)}**`,
      ]),
  );
}

/** The dollar cost: the headline table, the breakdown and what the figures assume. */
export function dollarsSection(dollars: DollarCostResult, costs: CostResult[], heading = "###"): string {
  const { prices: p, assumptions: a } = dollars;
  const timed = costs.every((cost) => cost.billing?.durationSource === "handler");
  const estimated = costs.some((cost) => (cost.billing?.capacityEstimatedCalls ?? 0) > 0);
  return [
    `${heading} Dollars per million messages (${p.region} prices checked ${p.checked})`,
    "",
    `Total per million messages; in brackets, ÷ ours. Ours is measured (each room size's messages, counted at the SDK: DynamoDB's consumed capacity, posts and their 32 KB units, the handler's billed milliseconds at ${a.lambdaMemoryMb} MB); the others are modelled from their code for the same room (bench/peer-designs.ts). The Scan design reads the whole connection table for every message: priced at the bench's own ${thousands(a.benchConnections)} connections${a.scanTableConnections.length ? ` and at ${a.scanTableConnections.map(thousands).join(", ")}` : ""}.`,
    "",
    dollarsTable(dollars),
    "",
    dollarsBreakdown(dollars.rows),
    "",
    `\\* modelled. Prices: API Gateway $${perMillionPrice(p.websocketMessageUsd)} per million messages (in and out, ${p.websocketMessageUnitBytes / 1024} KB units) and $${perMillionPrice(p.connectionMinuteUsd)} per million connection minutes; Lambda $${perMillionPrice(p.lambdaRequestUsd)} per million requests and $${p.lambdaGbSecondUsd} per GB-s (x86); DynamoDB on-demand $${perMillionPrice(p.dynamoWriteUnitUsd)} per million WRU, $${perMillionPrice(p.dynamoReadUnitUsd)} per million RRU. Assumed: ${a.connectionMinutesPerMessage} connection minutes per message (a member stays connected ${a.connectionMinutesPerMessage} min per message it sends; the same for every design); peer connection items of ${a.peerConnectionItemBytes} bytes ({ connectionId, roomId }); no stale connections; free tiers and data transfer out not counted.${timed ? "" : " Lambda duration: the handler was not timed in this run, so one message's time after ingress stands in for it."}${estimated ? " Some DynamoDB calls reported no consumed capacity and count as one unit each." : ""}`,
  ].join("\n");
}

const seconds = (value: number) => `${value} s`;

/** The worst-case step: each invocation's duration and the timeouts it sets. */
export function worstCaseSection(worst: WorstCaseResult, heading = "###"): string {
  const advice = new Map(worst.timeouts.map((row) => [row.functions, row]));
  const timeout = (functions: string) => {
    const row = advice.get(functions);
    return row
      ? `${seconds(row.timeoutSeconds)}${row.capped ? ` (cap ${row.capSeconds} s: ${HEADROOM}× is ${Math.ceil((HEADROOM * row.worstMs) / 1000)} s)` : ""}`
      : "–";
  };
  const { members, deliveries } = worst;
  const posts = worst.cleanupRequests["management:PostToConnectionCommand"] ?? 0;
  const dynamo = Object.entries(worst.cleanupRequests)
    .filter(([key]) => key.startsWith("dynamodb:"))
    .reduce((sum, [, value]) => sum + value, 0);
  const kindOf = (handler: string) => (handler.startsWith("http-") ? "http" : "ws");
  return [
    `${heading} Worst case: what sets the timeouts`,
    "",
    `A room of ${worst.roomSize} live members${worst.reusedRoom ? " (the cost step's)" : ""} plus ${worst.stale} stale member records (connection gone, joined past the ${handshakeWindowMs / 1000} s handshake window), one invocation at a time, each timed in the server from its invocation to the handler's return. Timeout: ${HEADROOM}× the worst case, rounded up to whole seconds, at most ${TIMEOUT_CAP_S.ws} s (WebSocket) or ${TIMEOUT_CAP_S.http} s (HTTP).`,
    "",
    table(
      ["invocation", "handler", "ms (each sample)", "worst ms", `${HEADROOM}× rounded up`],
      worst.invocations.map((row) => [
        row.what,
        `\`${row.handler}\``,
        row.samplesMs.map(ms).join(", "),
        ms(row.worstMs),
        seconds(Math.max(1, Math.ceil((HEADROOM * row.worstMs) / 1000))),
      ]),
    ),
    "",
    table(
      ["function", "worst ms", "timeout"],
      worst.timeouts.map((row) => [
        row.functions === "ws" || row.functions === "http"
          ? `**every ${row.functions === "ws" ? "WebSocket" : "HTTP"} function**`
          : `\`${row.functions}\` (${kindOf(row.functions)})`,
        ms(row.worstMs),
        timeout(row.functions),
      ]),
    ),
    "",
    `- Cleanup: ${members.withStale.memberItems} member records before, ${members.afterCleanup.memberItems} after (room counter ${members.afterCleanup.counter}; ${members.liveClients} live clients), ${members.atEnd.memberItems} at the end: stale members ${worst.staleRemoved ? "removed" : "**not removed**"}. The cleanup (the message's invocation, and its shards' above the sharding size) made ${posts} posts and ${dynamo} DynamoDB requests; each live client got ${worst.leavesPerClient.min === worst.leavesPerClient.max ? worst.leavesPerClient.min : `${worst.leavesPerClient.min}–${worst.leavesPerClient.max}`} departures announced (leave or presence frames).`,
    `- Messages: ${deliveries.messages}, deliveries ${deliveries.delivered} of ${deliveries.expected}, duplicated ${deliveries.duplicated}.`,
    `- Peak RSS of the server process during the step: ${worst.peakRssMiB} MiB (${worst.peakRssHow === "VmHWM" ? "kernel high-water mark, reset at the step's start" : "sampled every 100 ms"})${worst.javaPeakRssMiB !== undefined ? `; DynamoDB Local's java: ${worst.javaPeakRssMiB} MiB` : ""}. Step: ${worst.seconds} s.`,
  ].join("\n");
}

/** The big-room steps: filling one room at once, and messages to a room posted in shards. */
export function bigRoomsSection(result: BenchResult, heading = "###"): string {
  const lines = [`${heading} Big rooms: joins and sharded fan-out`, ""];
  const joinRow = (what: string, join: JoinResult) => [
    what,
    String(join.size),
    seconds(join.connectSeconds),
    seconds(join.convergedSeconds),
    `${join.converged} of ${join.size}`,
    `${join.presencePostsPerMember.mean} (max ${join.presencePostsPerMember.max})`,
    String(join.presenceBatches),
    Object.entries(join.dynamoRequestsPerMember)
      .sort(([, a], [, b]) => b - a)
      .map(([command, count]) => `${command} ${count}`)
      .join(", "),
  ];
  const joins = [
    ...(result.joins ? [joinRow("join step", result.joins)] : []),
    ...(result.shardedFanOut ? [joinRow("the sharded room's fill", result.shardedFanOut.join)] : []),
  ];
  if (joins.length > 0) {
    lines.push(
      "Clients connect to one room, `--connect-concurrency` handshakes at a time; converged: every member shows the true member count (the newest it was told).",
      "",
      table(
        [
          "room",
          "members",
          "all connected",
          "all counts right",
          "converged",
          "presence posts per member",
          "presence batches",
          "DynamoDB requests per member",
        ],
        joins,
      ),
    );
  }
  const sharded = result.shardedFanOut;
  if (sharded) {
    lines.push(
      "",
      `Messages to the room of ${sharded.size}, one after another (${sharded.messages}): send → last member's receipt ${ms(sharded.lastMemberMs.median)} ms median, ${ms(sharded.lastMemberMs.max)} ms worst, in ${sharded.shards} shards in all (${Math.round(sharded.shards / sharded.messages)} per message); lost ${sharded.lost}, duplicated ${sharded.duplicated}.`,
    );
  }
  return lines.join("\n");
}

export function toMarkdown(result: BenchResult): string {
  const o = result.options as { rooms: number; clients: number; stepSeconds: number; dynamoDbOnDisk?: boolean };
  return [
    `## Bench results (${result.startedAt.slice(0, 16).replace("T", " ")} UTC, ${result.durationSeconds} s)`,
    "",
    `\`npm run bench\`: ${o.rooms} rooms × ${o.clients} clients, ${o.stepSeconds} s per step; ${result.machine.cpus} CPUs, Node ${result.machine.node}, load average ${result.machine.loadAverage.join(" ")}; clients connect from ${result.machine.clientAddresses === "one per client" ? "a loopback address each (127.1.x.y)" : "127.0.0.1"}; DynamoDB Local ${o.dynamoDbOnDisk ? "keeps its data in files (--dynamodb-on-disk)" : "in memory"}.`,
    "",
    "### Ours vs the bare ws baseline (same load generator, same run)",
    "",
    summaryTable(result),
    "",
    "### Offered load steps: ours",
    "",
    stepsTable(result.ours, result.baseline),
    ...(result.baseline ? ["", "### Offered load steps: bare ws baseline", "", stepsTable(result.baseline)] : []),
    ...(result.cost.length
      ? [
          "",
          "### Cost per message, counted at the AWS SDK",
          "",
          costTable(result.cost),
          "",
          "### Where one message's time goes (median of the samples, one message in flight)",
          "",
          "ingress: client send → the handler's first DynamoDB request (emulator, route selection, handler start); DynamoDB: wall time with a DynamoDB request in flight, at the SDK (the PutItem and the members Query go out side by side; wire: their HTTP exchanges with DynamoDB Local, summed); handler: own code between them and up to the first post; posts: first post start → last member's receipt (fan-out through the management API); one post: a PostToConnection's round trip at the management client's transport, signed request to answer (median).",
          "",
          timeTable(result.cost),
          ...(result.dollars
            ? [
                "",
                dollarsSection(result.dollars, result.cost),
                "",
                "![dollars per million messages by room size](cost.svg)",
              ]
            : []),
        ]
      : []),
    ...(result.worstCase ? ["", worstCaseSection(result.worstCase)] : []),
    ...(result.joins || result.shardedFanOut ? ["", bigRoomsSection(result)] : []),
    "",
    "![latency percentiles vs offered load](latency.svg)",
    "",
  ].join("\n");
}
