import pLimit from "p-limit";
import type { ServerChild } from "./children";
import { BenchClient, createRoom } from "./clients";
import type { MeterReport } from "./ipc";
import { Batch, DeliveryLedger, waitForDeliveries } from "./ledger";
import type { BenchOptions } from "./options";
import type { Progress } from "./progress";
import type { ConnectResult, StepResult, TargetResult } from "./results-types";
import { round, summarize } from "./stats";
import { UsageSampler } from "./usage-sampler";

const TICK_MS = 5;
// After the ramp, late deliveries still count (lost must be 0 in the end).
const FINAL_SETTLE_MS = 10_000;

export interface LoadTarget {
  server: ServerChild;
  /** Counts SDK requests per step (our stack; the baseline has no SDK). */
  metered: boolean;
  processes: Record<string, number>;
}

/**
 * Connects C clients to each of R fresh rooms, up to `concurrency` handshakes
 * at once across all rooms (so members of one room also connect side by side,
 * as after a deploy or a network blip).
 */
export async function connectRooms(
  server: ServerChild,
  roomCount: number,
  clientsPerRoom: number,
  concurrency: number,
  ledger: DeliveryLedger,
  onProgress: (connected: number) => void = () => undefined,
): Promise<{ rooms: BenchClient[][]; roomIds: string[]; connect: ConnectResult }> {
  const roomIds: string[] = [];
  for (let room = 0; room < roomCount; room++) roomIds.push(await createRoom(server.apiUrl, `bench ${room}`));
  const rooms = roomIds.map((_, room) =>
    Array.from({ length: clientsPerRoom }, (_, member) => new BenchClient(room, member, ledger.recordDelivery)),
  );
  let connected = 0;
  let failed = 0;
  const startedAt = performance.now();
  await pLimit(concurrency).map(rooms.flat(), async (client) => {
    try {
      await client.connect(server.wsUrl, roomIds[client.roomIndex]!);
      onProgress(++connected);
    } catch {
      failed++;
    }
  });
  const seconds = (performance.now() - startedAt) / 1000;
  if (failed > 0)
    throw new Error(`${failed} of ${roomCount * clientsPerRoom} clients could not connect to ${server.name}`);
  return {
    rooms,
    roomIds,
    connect: { clients: connected, seconds: round(seconds, 2), perSecond: round(connected / seconds), failed },
  };
}

/**
 * Sends `ratePerRoom` messages/s to every room for `seconds`, each from the
 * room's next member in turn. Rooms are spread evenly over each interval
 * rather than all sending at the same instant.
 */
async function offerLoad(
  rooms: BenchClient[][],
  ratePerRoom: number,
  seconds: number,
  ledger: DeliveryLedger,
  batch: Batch,
) {
  const sentPerRoom = rooms.map(() => 0);
  const startedAt = performance.now();
  const total = Math.round(ratePerRoom * seconds);
  while (sentPerRoom.some((sent) => sent < total)) {
    const intervals = (ratePerRoom * (performance.now() - startedAt)) / 1000;
    rooms.forEach((members, room) => {
      const due = Math.min(total, Math.floor(intervals + 1 - room / rooms.length));
      for (; sentPerRoom[room]! < due; sentPerRoom[room]!++) {
        const sender = members[sentPerRoom[room]! % members.length]!;
        const id = ledger.newMessageId();
        ledger.recordSend(id, members.length, batch);
        sender.send(`bench message ${id}`, id);
      }
    });
    await new Promise((done) => setTimeout(done, TICK_MS));
  }
}

// Bursts of one message from every room at once, before the first step: the
// local runtime starts an execution environment per concurrent invocation (a
// cold start, as Lambda does), and the steps measure warm ones.
const WARM_UP_BURSTS = 3;
const WARM_UP_TIMEOUT_MS = 30_000;

async function warmUp(rooms: BenchClient[][], ledger: DeliveryLedger) {
  for (let burst = 0; burst < WARM_UP_BURSTS; burst++) {
    const batch = new Batch();
    for (const members of rooms) {
      const id = ledger.newMessageId();
      ledger.recordSend(id, members.length, batch);
      members[burst % members.length]!.send(`warm-up message ${id}`, id);
    }
    await waitForDeliveries([batch], WARM_UP_TIMEOUT_MS);
  }
}

const problemCount = (rooms: BenchClient[][]) =>
  rooms.flat().reduce((sum, client) => sum + client.problems.errorFrames + client.problems.unexpectedCloses, 0);

async function runStep(
  target: LoadTarget,
  rooms: BenchClient[][],
  ratePerRoom: number,
  options: BenchOptions,
  ledger: DeliveryLedger,
  sampler: UsageSampler,
): Promise<{ step: StepResult; batch: Batch }> {
  const batch = new Batch();
  const problemsBefore = problemCount(rooms);
  if (target.metered) await target.server.request("reset");
  sampler.start();
  const startedAt = performance.now();
  await offerLoad(rooms, ratePerRoom, options.stepSeconds, ledger, batch);
  const drained = await waitForDeliveries([batch], options.drainSeconds * 1000);
  const usage = sampler.stop();
  const meter = target.metered ? await target.server.request<MeterReport>("counts") : undefined;
  const latencyMs = summarize(batch.latencies);
  const errors = problemCount(rooms) - problemsBefore;
  // A step that keeps up delivers over its own length; one that falls behind, until its last receipt.
  const spanSeconds = Math.max(options.stepSeconds, (batch.lastReceivedAt - startedAt) / 1000);
  const clientsPerRoom = rooms[0]!.length;
  return {
    batch,
    step: {
      ratePerRoom: round(ratePerRoom, 2),
      offeredMessagesPerSecond: round(ratePerRoom * rooms.length),
      offeredDeliveriesPerSecond: round(ratePerRoom * rooms.length * clientsPerRoom),
      sent: batch.sent,
      expected: batch.expected,
      delivered: batch.delivered,
      lost: batch.lost,
      duplicated: batch.duplicated,
      deliveriesPerSecond: round(batch.delivered / spanSeconds),
      latencyMs: roundLatencies(latencyMs),
      keptUp: drained && errors === 0 && batch.duplicated === 0 && latencyMs.p95 <= options.maxP95Ms,
      errors,
      usage: Object.fromEntries(
        Object.entries(usage).map(([name, u]) => [
          name,
          { cpuPercent: round(u.cpuPercent), rssMiB: round(u.rssMiB), peakRssMiB: round(u.peakRssMiB) },
        ]),
      ),
      ...(meter && {
        sdkPerMessage: Object.fromEntries(
          Object.entries(meter.counts).map(([key, count]) => [key, round(count / Math.max(1, batch.sent), 2)]),
        ),
      }),
    },
  };
}

const roundLatencies = (summary: ReturnType<typeof summarize>) => ({
  count: summary.count,
  p50: round(summary.p50, 2),
  p95: round(summary.p95, 2),
  p99: round(summary.p99, 2),
  max: round(summary.max, 2),
});

/**
 * The whole load run against one server: connect R x C clients, then step
 * the offered rate up until a step falls behind or shows an error (or the
 * per-client rate limit would be passed). The clients stay connected for the
 * caller, who ends them (after the server, so no one runs $disconnect storms).
 */
export async function runLoad(
  target: LoadTarget,
  options: BenchOptions,
  progress: Progress,
): Promise<{ result: TargetResult; clients: BenchClient[] }> {
  const name = target.server.name;
  const ledger = new DeliveryLedger();
  const total = options.rooms * options.clients;
  // The cost step alone reads DynamoDB's consumed capacity (worker-meter-channel.ts).
  if (target.metered) await target.server.request("askCapacity", false);
  progress.show(`${name}: connecting`, `0/${total}`);
  const { rooms, connect } = await connectRooms(
    target.server,
    options.rooms,
    options.clients,
    options.connectConcurrency,
    ledger,
    (connected) => progress.show(`${name}: connecting`, `${connected}/${total}`),
  );
  // Let the join notifications settle before measuring.
  await new Promise((done) => setTimeout(done, 1000));
  progress.show(`${name}: warming up`);
  await warmUp(rooms, ledger);

  const sampler = new UsageSampler(target.processes);
  const steps: StepResult[] = [];
  const batches: Batch[] = [];
  const maxRatePerRoom = options.maxClientRate * options.clients;
  let ratePerRoom = options.startRate;
  for (let index = 0; index < options.maxSteps && ratePerRoom <= maxRatePerRoom; index++) {
    progress.show(
      `${name}: step ${index + 1}`,
      `${round(ratePerRoom * options.rooms)} msg/s offered, ${round(ratePerRoom * total)} deliveries/s`,
    );
    const { step, batch } = await runStep(target, rooms, ratePerRoom, options, ledger, sampler);
    steps.push(step);
    batches.push(batch);
    progress.show(
      `${name}: step ${index + 1}`,
      `${step.deliveriesPerSecond} deliveries/s, p95 ${step.latencyMs.p95} ms${step.keptUp ? "" : " (fell behind)"}`,
    );
    if (!step.keptUp) break;
    ratePerRoom *= options.stepFactor;
  }
  progress.show(`${name}: waiting for late deliveries`);
  await waitForDeliveries(batches, FINAL_SETTLE_MS);
  if (target.metered) await target.server.request("askCapacity", true);
  steps.forEach((step, index) => {
    step.delivered = batches[index]!.delivered;
    step.lost = batches[index]!.lost;
    step.duplicated = batches[index]!.duplicated;
  });

  const clients = rooms.flat();
  const best = steps.filter((step) => step.keptUp).at(-1);
  return {
    clients,
    result: {
      name,
      connect,
      steps,
      ...(best && {
        sustained: {
          ratePerRoom: best.ratePerRoom,
          deliveriesPerSecond: best.deliveriesPerSecond,
          latencyMs: best.latencyMs,
        },
      }),
      peakDeliveriesPerSecond: Math.max(0, ...steps.map((step) => step.deliveriesPerSecond)),
      lost: batches.reduce((sum, batch) => sum + batch.lost, 0),
      duplicated: batches.reduce((sum, batch) => sum + batch.duplicated, 0),
      unknownDeliveries: ledger.unknownDeliveries,
      problems: {
        errorFrames: clients.reduce((sum, client) => sum + client.problems.errorFrames, 0),
        unexpectedCloses: clients.reduce((sum, client) => sum + client.problems.unexpectedCloses, 0),
        serverErrorLines: serverErrorLines(target.server.output()),
      },
    },
  };
}

/** Lines the server wrote to stderr/stdout that look like errors. */
export const serverErrorLines = (output: string) =>
  output.split("\n").filter((line) => /error|failed|exception/i.test(line)).length;
