// A seconds-long version of `npm run bench`: tiny load against the real local
// stack and the bare baseline, asserting every delivery arrived exactly once
// and the per-message request counts, and the worst-case step's cleanup of
// stale members. Timings are reported, never asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureJoins, measureShardedFanOut } from "./big-rooms";
import { endStartedProcesses, type ServerChild, startServerChild } from "./children";
import { measureCost } from "./cost";
import { runLoad } from "./load";
import { parseOptions } from "./options";
import { dollarCost } from "./pricing-model";
import type { Progress } from "./progress";
import { measureWorstCase } from "./worst-case";

const options = parseOptions([
  "--rooms",
  "2",
  "--clients",
  "3",
  "--start-rate",
  "1",
  "--max-steps",
  "2",
  "--step-seconds",
  "1",
  "--drain-seconds",
  "5",
  "--max-p95-ms",
  "5000",
]);
const quiet = { show: () => undefined, done: () => undefined } as unknown as Progress;
// Big rooms in miniature, for the server child this file starts: above 8 members presence is
// batched, above 10 recipients a frame goes out in shards of 4. The other steps' rooms stay below both.
const BIG_ROOM_SETTINGS = { PRESENCE_BATCH_ABOVE: "8", FAN_OUT_SHARD_ABOVE: "10", FAN_OUT_SHARD_SIZE: "4" };
const opened: { terminate(): void }[] = [];

describe("bench smoke", () => {
  let ours: ServerChild;

  beforeAll(async () => {
    Object.assign(process.env, BIG_ROOM_SETTINGS);
    ours = await startServerChild("ours", "./server.ts");
  });

  afterAll(async () => {
    await ours?.stop();
    for (const client of opened) client.terminate();
    await endStartedProcesses();
  });

  it("delivers every message to every member exactly once, on ours and on the baseline", async () => {
    const baseline = await startServerChild("baseline", "./baseline-server.ts");
    try {
      const bare = await runLoad(
        { server: baseline, metered: false, processes: { server: baseline.pid } },
        options,
        quiet,
      );
      opened.push(...bare.clients);
      expect(bare.result.steps.length).toBeGreaterThan(0);
      expect([bare.result.lost, bare.result.duplicated]).toEqual([0, 0]);
    } finally {
      await baseline.stop();
    }

    const load = await runLoad({ server: ours, metered: true, processes: { server: ours.pid } }, options, quiet);
    opened.push(...load.clients);
    const { result } = load;
    expect(result.steps.reduce((sum, step) => sum + step.sent, 0)).toBeGreaterThan(0);
    expect({ lost: result.lost, duplicated: result.duplicated, unknown: result.unknownDeliveries }).toEqual({
      lost: 0,
      duplicated: 0,
      unknown: 0,
    });
    expect(result.problems).toMatchObject({ errorFrames: 0, unexpectedCloses: 0 });
  });

  it("counts 2 DynamoDB requests and one post per member for a message", async () => {
    const { result, clients } = await measureCost(ours, 3, 2, 1, () => undefined);
    opened.push(...clients);
    expect([result.lost, result.duplicated]).toEqual([0, 0]);
    expect(result.perMessage).toEqual({
      "dynamodb:TransactWriteItemsCommand": 1,
      "dynamodb:QueryCommand": 1,
      "management:PostToConnectionCommand": 3,
    });
    // What it is billed as: DynamoDB Local's consumed capacity (a transaction of two small
    // items, the rate-limit update and the message: one unit each, doubled as AWS bills
    // transactions; a consistent Query of 3 small members one), one frame in, 3 posts out,
    // one sendMessage invocation timed in the server.
    expect(result.billing).toMatchObject({
      messagesIn: 1,
      messagesOut: 3,
      writeUnits: 4,
      readUnits: 1,
      capacityEstimatedCalls: 0,
      invocations: { "ws-send-message": 1 },
      durationSource: "handler",
    });
    expect(result.billing!.lambdaBilledMs).toBeGreaterThan(0);
    const dollars = dollarCost([result], {
      connectionMinutesPerMessage: 5,
      benchConnections: 3,
      scanTableConnections: [100_000],
    });
    expect(dollars.rows.map((row) => row.design)).toEqual(["ours", "gsi", "scan", "scan"]);
    // $1 per million API Gateway messages: 4 each (1 in, 3 out), for every design.
    expect(dollars.rows.map((row) => row.perMillion.apiMessages)).toEqual([4, 4, 4, 4]);
    expect(dollars.rows[3]!.perMillion.total).toBeGreaterThan(dollars.rows[2]!.perMillion.total);
  });

  it("worst case: the message that meets stale members removes them, and every live member gets each message once", async () => {
    const { result, clients } = await measureWorstCase(
      ours,
      { size: 6, stale: 2, connectConcurrency: 6, page: 10 },
      () => undefined,
    );
    opened.push(...clients);
    expect(result.members.withStale.memberItems).toBe(8);
    expect(result.members.afterCleanup).toEqual({ memberItems: 6, counter: 6 });
    expect(result.members.atEnd).toEqual({ memberItems: 6, counter: 6 });
    expect(result.staleRemoved).toBe(true);
    expect(result.leavesPerClient).toEqual({ min: 2, max: 2 });
    const { messages, expected, delivered, duplicated } = result.deliveries;
    expect({ expected, delivered, duplicated }).toEqual({
      expected: messages * 6,
      delivered: messages * 6,
      duplicated: 0,
    });
    expect(result.invocations.every((row) => row.samplesMs.length > 0)).toBe(true);
  });

  it("big rooms: a room filled at once converges on batched presence, and a sharded message reaches every member once", async () => {
    const joins = await measureJoins(ours, 12, 12);
    opened.push(...joins.clients);
    expect(joins.result.converged).toBe(12);
    expect(joins.result.presenceBatches).toBeGreaterThan(0);
    // Batched: fewer presence posts than one per join per member (12 × 11 / 2 = 66 in all).
    expect(joins.result.presencePostsPerMember.mean * 12).toBeLessThan(66);

    const sharded = await measureShardedFanOut(ours, 12, 2, 12);
    opened.push(...sharded.clients);
    // 12 members in shards of 4, per message.
    expect(sharded.result).toMatchObject({ size: 12, messages: 2, lost: 0, duplicated: 0, shards: 6 });
    expect(sharded.result.join.converged).toBe(12);
  });
});
