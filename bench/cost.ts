import { pollUntil } from "@chat/local/wait-until";
import type { ServerChild } from "./children";
import type { BenchClient } from "./clients";
import type { InvocationReport, MeterReport, SdkCall } from "./ipc";
import { Batch, DeliveryLedger, waitForDeliveries } from "./ledger";
import { connectRooms } from "./load";
import { billedMs, requestUnits, websocketMessageUnits } from "./pricing";
import type { CostResult, MessageBilling, TimeSplit } from "./results-types";
import { coveredMs, round } from "./stats";

// Spacing between two messages: more than the rate limiter's emission
// interval (1000/12 ms), so each message takes the limiter's usual path.
const MESSAGE_GAP_MS = 100;
const DELIVERY_TIMEOUT_MS = 30_000;
// After the last delivery, how long the handlers get to return (their posts' answers).
const RETURN_TIMEOUT_MS = 10_000;

/** A room the bench filled, its members still connected, for a later step to reuse. */
export interface FilledRoom {
  roomId: string;
  members: BenchClient[];
  /** The ledger the members report their deliveries to. */
  ledger: DeliveryLedger;
}

const wallTime = (performanceTime: number) => performance.timeOrigin + performanceTime;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Waits until the server has sent no SDK request for a while (joins fanned out), 60 s at most. */
export async function waitForQuiet(server: ServerChild) {
  let last = -1;
  await pollUntil(
    async () => {
      const { counts } = await server.request<MeterReport>("counts");
      const total = sum(Object.values(counts));
      const quiet = total === last;
      last = total;
      return quiet;
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

/** Where one message's time went, from its SDK calls and its client-side times. */
function splitTime(calls: SdkCall[], sentAt: number, lastReceivedAt: number): TimeSplit {
  const dynamo = calls.filter((call) => call.client === "dynamodb").sort((a, b) => a.start - b.start);
  const posts = calls.filter((call) => call.command === "PostToConnectionCommand");
  const firstDynamo = dynamo[0]?.start ?? sentAt;
  const firstPost = posts.length ? Math.min(...posts.map((call) => call.start)) : lastReceivedAt;
  const dynamoMs = coveredMs(dynamo);
  return {
    ingressMs: firstDynamo - sentAt,
    dynamoMs,
    dynamoWireMs: sum(dynamo.map((call) => call.wireMs)),
    handlerMs: firstPost - firstDynamo - dynamoMs,
    postsMs: lastReceivedAt - firstPost,
    postRoundTripMs: median(posts.map((call) => call.end - call.start)),
    totalMs: lastReceivedAt - sentAt,
  };
}

function medianSplit(splits: TimeSplit[]): TimeSplit {
  const field = (name: keyof TimeSplit) => round(median(splits.map((split) => split[name])), 2);
  return {
    ingressMs: field("ingressMs"),
    dynamoMs: field("dynamoMs"),
    dynamoWireMs: field("dynamoWireMs"),
    handlerMs: field("handlerMs"),
    postsMs: field("postsMs"),
    postRoundTripMs: field("postRoundTripMs"),
    totalMs: field("totalMs"),
  };
}

/** The frame a bench client sends for a message (clients.ts), in bytes. */
const frameBytes = (text: string, clientMessageId: string) =>
  Buffer.byteLength(JSON.stringify({ action: "sendMessage", data: { message: text, clientMessageId } }));

/** Handler invocations since the reset, once none is running (undefined: the server does not time them). */
async function finishedInvocations(server: ServerChild): Promise<InvocationReport | undefined> {
  // Still running after the timeout: what returned is used.
  let report: InvocationReport | undefined;
  await pollUntil(
    async () => {
      report = await server.request<InvocationReport>("invocations");
      return report.running === 0;
    },
    { timeoutMs: RETURN_TIMEOUT_MS, intervalMs: 20 },
  );
  return report && report.wrapped.length > 0 ? report : undefined;
}

/** What the sampled messages were billed as, per message. */
function billingOf(
  meter: MeterReport,
  calls: SdkCall[],
  invocations: InvocationReport | undefined,
  frames: number[],
  timeSplit: TimeSplit,
  sent: number,
): MessageBilling {
  const units = requestUnits(meter.counts, meter.capacityUnits, meter.capacityUnreported);
  const postKey = "management:PostToConnectionCommand";
  const posts = meter.counts[postKey] ?? 0;
  const perHandler: Record<string, number> = {};
  let billed = 0;
  for (const invocation of invocations?.invocations ?? []) {
    perHandler[invocation.name] = (perHandler[invocation.name] ?? 0) + 1;
    billed += billedMs(invocation.end - invocation.start);
  }
  const timed = invocations !== undefined && billed > 0;
  return {
    frameBytes: round(sum(frames) / Math.max(1, frames.length), 1),
    messagesIn: round(sum(frames.map(websocketMessageUnits)) / Math.max(1, frames.length), 3),
    messagesOut: round((meter.payloadUnits?.[postKey] ?? posts) / sent, 3),
    postBytes: round((meter.payloadBytes?.[postKey] ?? 0) / Math.max(1, posts), 1),
    readUnits: round(units.read / sent, 3),
    writeUnits: round(units.write / sent, 3),
    capacityEstimatedCalls: round(units.estimatedCalls / sent, 3),
    dynamoRequestMs: round(median(calls.filter((call) => call.client === "dynamodb").map((c) => c.end - c.start)), 2),
    invocations: timed
      ? Object.fromEntries(Object.entries(perHandler).map(([name, count]) => [name, round(count / sent, 3)]))
      : { "ws-send-message": 1 },
    // Untimed: one invocation lasting the message's time after ingress (the handler's share of it).
    lambdaBilledMs: timed ? round(billed / sent, 1) : billedMs(timeSplit.totalMs - timeSplit.ingressMs),
    durationSource: timed ? "handler" : "message",
  };
}

/**
 * Cost of one message in a room of `size` members, counted at the SDK: a
 * fresh room, `messages` messages one at a time (each from the next member,
 * each waited for until every member has it), then the server's trace.
 */
export async function measureCost(
  server: ServerChild,
  size: number,
  messages: number,
  connectConcurrency: number,
  onProgress: (detail: string) => void,
): Promise<{ result: CostResult; clients: BenchClient[]; room: FilledRoom }> {
  const ledger = new DeliveryLedger();
  const { rooms, roomIds, connect } = await connectRooms(server, 1, size, connectConcurrency, ledger, (connected) =>
    onProgress(`connecting ${connected}/${size}`),
  );
  const members = rooms[0]!;
  onProgress("waiting for join notifications");
  // A big room's join notices are batched and paced (seconds apart): all told before counting.
  await server.request("queuesDrained");
  await waitForQuiet(server);
  await server.request("reset");

  const batches: Batch[] = [];
  const frames: number[] = [];
  const samples: { batch: Batch; sentAt: number }[] = [];
  for (let index = 0; index < messages; index++) {
    onProgress(`message ${index + 1}/${messages}`);
    const batch = new Batch();
    const sender = members[index % size]!;
    const id = ledger.newMessageId();
    const sentAt = performance.now();
    ledger.recordSend(id, size, batch, sentAt);
    batches.push(batch);
    const text = `cost sample ${index}`;
    sender.send(text, id);
    frames.push(frameBytes(text, id));
    if (!(await waitForDeliveries([batch], DELIVERY_TIMEOUT_MS))) break;
    samples.push({ batch, sentAt });
    await new Promise((done) => setTimeout(done, MESSAGE_GAP_MS));
  }
  const invocations = await finishedInvocations(server);
  const meter = await server.request<MeterReport>("trace");
  const calls = meter.calls ?? [];
  const splits = samples.map(({ batch, sentAt }) => {
    const from = wallTime(sentAt);
    const to = wallTime(batch.lastReceivedAt);
    return splitTime(
      calls.filter((call) => call.start >= from && call.start <= to),
      from,
      to,
    );
  });
  const count = (key: string) => meter.counts[key] ?? 0;
  const sent = Math.max(1, samples.length);
  const dynamoRequests = sum(
    Object.entries(meter.counts)
      .filter(([key]) => key.startsWith("dynamodb:"))
      .map(([, value]) => value),
  );
  const posts = count("management:PostToConnectionCommand");
  const timeSplit = medianSplit(splits);
  return {
    clients: members,
    room: { roomId: roomIds[0]!, members, ledger },
    result: {
      roomSize: size,
      messages: samples.length,
      perMessage: Object.fromEntries(Object.entries(meter.counts).map(([key, value]) => [key, round(value / sent, 2)])),
      dynamoRequestsPerMessage: round(dynamoRequests / sent, 2),
      memberQueryPagesPerMessage: round(count("dynamodb:QueryCommand") / sent, 2),
      postsPerMessage: round(posts / sent, 2),
      postsPerMember: round(posts / sent / size, 3),
      timeSplit,
      connectSeconds: connect.seconds,
      lost: sum(batches.map((batch) => batch.lost)),
      duplicated: sum(batches.map((batch) => batch.duplicated)),
      billing: billingOf(meter, calls, invocations, frames.slice(0, samples.length), timeSplit, sent),
    },
  };
}
