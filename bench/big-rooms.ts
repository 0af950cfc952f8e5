// Big rooms (issue: presence that grows linearly, fan-out that splits): one room
// filled by N clients at once, timed until every member shows the true count,
// with the presence posts each member got; then messages to a room of M members,
// timed from the send to the last member's receipt, posted in shards.
import { pollUntil } from "@chat/local/wait-until";
import type { ServerChild } from "./children";
import type { BenchClient } from "./clients";
import type { MeterReport, QueueCounts } from "./ipc";
import { Batch, DeliveryLedger, waitForDeliveries } from "./ledger";
import { connectRooms } from "./load";
import type { JoinResult, ShardedFanOutResult } from "./results-types";
import { round, summarize } from "./stats";

// A member count that has not converged by then is reported as such.
const CONVERGE_TIMEOUT_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 30_000;

/** Clients whose shown member count is `size`. */
const converged = (clients: BenchClient[], size: number) =>
  clients.filter((client) => client.shownMembers === size).length;

/** The counts of one service's commands (`prefix`), per member, without the prefix. */
const perMember = (counts: Record<string, number>, prefix: string, size: number) =>
  Object.fromEntries(
    Object.entries(counts)
      .filter(([command]) => command.startsWith(prefix))
      .map(([command, count]) => [command.slice(prefix.length).replace(/Command$/, ""), round(count / size, 2)]),
  );

/** Fills one room with `size` clients, `concurrency` handshakes at a time, and waits for every count to converge. */
async function fillRoom(server: ServerChild, size: number, concurrency: number, ledger: DeliveryLedger) {
  const before = await server.request<QueueCounts>("queueStats");
  await server.request("reset");
  const startedAt = performance.now();
  const { rooms, connect } = await connectRooms(server, 1, size, concurrency, ledger);
  const clients = rooms[0]!;
  // The first member hears of everyone else; the last one only of itself, through its own join's notice.
  await pollUntil(() => converged(clients, size) === size, { timeoutMs: CONVERGE_TIMEOUT_MS, intervalMs: 20 });
  const seconds = (performance.now() - startedAt) / 1000;
  const posts = clients.map((client) => client.presencePosts);
  const after = await server.request<QueueCounts>("queueStats");
  const { counts } = await server.request<MeterReport>("counts");
  const result: JoinResult = {
    size,
    connectSeconds: connect.seconds,
    convergedSeconds: round(seconds, 2),
    converged: converged(clients, size),
    presenceBatches: after.Presence!.invocations - before.Presence!.invocations,
    presencePostsPerMember: {
      mean: round(posts.reduce((sum, count) => sum + count, 0) / size, 2),
      max: Math.max(...posts),
    },
    dynamoRequestsPerMember: perMember(counts, "dynamodb:", size),
  };
  return { clients, result };
}

export async function measureJoins(
  server: ServerChild,
  size: number,
  concurrency: number,
): Promise<{ result: JoinResult; clients: BenchClient[] }> {
  return fillRoom(server, size, concurrency, new DeliveryLedger());
}

/** `messages` messages, one after another, from one member of a room of `size` to all of it. */
export async function measureShardedFanOut(
  server: ServerChild,
  size: number,
  messages: number,
  concurrency: number,
): Promise<{ result: ShardedFanOutResult; clients: BenchClient[] }> {
  const ledger = new DeliveryLedger();
  const { clients, result: join } = await fillRoom(server, size, concurrency, ledger);
  // The fill's last presence notices (paced, and sharded in a room this big) are told first.
  await server.request("queuesDrained");
  const before = await server.request<QueueCounts>("queueStats");
  const lastMemberMs: number[] = [];
  const batches: Batch[] = [];
  for (let index = 0; index < messages; index++) {
    const batch = new Batch();
    batches.push(batch);
    const id = ledger.newMessageId();
    const sentAt = performance.now();
    ledger.recordSend(id, size, batch, sentAt);
    clients[index % size]!.send("to the whole room", id);
    await waitForDeliveries([batch], DELIVERY_TIMEOUT_MS);
    lastMemberMs.push(batch.lastReceivedAt - sentAt);
  }
  // A duplicate arriving late still counts.
  await new Promise((settle) => setTimeout(settle, 500));
  const lost = batches.reduce((sum, batch) => sum + batch.lost, 0);
  const duplicated = batches.reduce((sum, batch) => sum + batch.duplicated, 0);
  const summary = summarize(lastMemberMs);
  const after = await server.request<QueueCounts>("queueStats");
  return {
    clients,
    result: {
      size,
      messages,
      join,
      lastMemberMs: { median: round(summary.p50), max: round(summary.max) },
      shards: after.FanOut!.sent - before.FanOut!.sent,
      lost,
      duplicated: duplicated + ledger.unknownDeliveries,
    },
  };
}
