// The worst case that sets the Lambdas' timeouts: a large room some of whose
// members are stale (their member records exist, their connection is gone), so
// the fan-out that meets them gets 410s, removes them and announces each
// departure to everyone left. Each handler is timed in the server, from its
// invocation to its return (handler-timer.ts), and its timeout follows.
import { writeFileSync } from "node:fs";
import { handshakeWindowMs } from "@chat/core/settings";
import { MAX_WS_FUNCTION_TIMEOUT_SECONDS } from "@chat/functions/routes";
import { pollUntil, waitUntil } from "@chat/local/wait-until";
import pLimit from "p-limit";
import type { ServerChild } from "./children";
import { BenchClient, createRoom } from "./clients";
import { type FilledRoom, waitForQuiet } from "./cost";
import type { InvocationReport, MeterReport, RoomMembers, StaleMembersArgs } from "./ipc";
import { Batch, DeliveryLedger, waitForDeliveries } from "./ledger";
import { connectRooms } from "./load";
import { processName, sampleProcess } from "./proc-usage";
import type { InvocationTiming, TimeoutAdvice, WorstCaseResult } from "./results-types";
import { round } from "./stats";

export interface WorstCaseOptions {
  /** Live members. */
  size: number;
  /** Stale members added to them. */
  stale: number;
  connectConcurrency: number;
  /** The listings' page size (limit=); default the contract's largest, 100. */
  page?: number;
}

// The contract's largest page for both listings.
const LARGEST_PAGE = 100;
// The longest message the contract accepts, in 4-byte characters: the largest items and page.
const HISTORY_TEXT = "💬".repeat(2000);
// Samples of the invocations that can be repeated without changing the room.
const REPEATS = { normalSend: 3, http: 5 };
const INVOCATION_TIMEOUT_MS = 120_000;
// Stale members found by fan-out shards are removed, and announced through the paced Presence queue, within this.
const CLEANUP_TIMEOUT_MS = 30_000;
// Lambda's smallest timeout; the most a WebSocket function may be given (a second under API
// Gateway's integration timeout) and the HTTP API's integration timeout.
const MIN_TIMEOUT_S = 1;
export const TIMEOUT_CAP_S = { ws: MAX_WS_FUNCTION_TIMEOUT_SECONDS, http: 30 } as const;
export const HEADROOM = 5;

/** 5× the worst case, rounded up to whole seconds, not above the API's cap. */
export function timeoutFor(functions: string, kind: "ws" | "http", worstMs: number): TimeoutAdvice {
  const wanted = Math.max(MIN_TIMEOUT_S, Math.ceil((HEADROOM * worstMs) / 1000));
  const capSeconds = TIMEOUT_CAP_S[kind];
  return {
    functions,
    worstMs: round(worstMs),
    timeoutSeconds: Math.min(wanted, capSeconds),
    capSeconds,
    capped: wanted > capSeconds,
  };
}

/** Peak RSS of a process over a span: the kernel's high-water mark after resetting it, or else sampling. */
class PeakRss {
  private sampled = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly reset: boolean;

  constructor(private readonly pid: number) {
    try {
      // "5" resets the process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0).
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
      this.reset = true;
    } catch {
      this.reset = false;
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample() {
    this.sampled = Math.max(this.sampled, sampleProcess(this.pid)?.rssMiB ?? 0);
  }

  stop(): { peakMiB: number; how: "VmHWM" | "sampled" } {
    clearInterval(this.timer);
    this.sample();
    const hwm = sampleProcess(this.pid)?.peakRssMiB ?? 0;
    return this.reset && hwm > 0
      ? { peakMiB: round(Math.max(hwm, this.sampled)), how: "VmHWM" }
      : { peakMiB: round(this.sampled), how: "sampled" };
  }
}

/** Waits for the first invocation of `handler` since the last reset to return; its duration, ms. */
async function invocationMs(server: ServerChild, handler: string): Promise<number> {
  const done = await waitUntil(
    `${handler} returns`,
    async () => {
      const report = await server.request<InvocationReport>("invocations");
      if (report.wrapped.length === 0)
        throw new Error("the server's handlers are not timed (handler-timer.ts wrapped none)");
      return report.invocations.find((invocation) => invocation.name === handler);
    },
    {
      timeoutMs: INVOCATION_TIMEOUT_MS,
      intervalMs: 20,
      timeoutError: () => new Error(`${handler} did not return within ${INVOCATION_TIMEOUT_MS / 1000} s`),
    },
  );
  if (!done.ok) throw new Error(`${handler} failed`);
  return done.end - done.start;
}

/** Resets the server's timer and meter, then runs `act` until both it and the `handler` it invokes are done; the handler's duration. */
async function timed(server: ServerChild, handler: string, act: () => Promise<unknown>) {
  await server.request("reset");
  const [ms] = await Promise.all([invocationMs(server, handler), act()]);
  return ms;
}

/** A listing's page: `field` is "rooms" or "messages". */
async function listed(url: string, field: "rooms" | "messages"): Promise<unknown[]> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  const page = (await response.json()) as Record<string, unknown>;
  if (!Array.isArray(page[field])) throw new Error(`GET ${url} answered no ${field} list`);
  return page[field];
}

/**
 * The worst-case step: `size` live members (the cost step's room when it has
 * that size, else a room filled the same way) plus `stale` stale members, then
 * timed one at a time: the sendMessage that finds the stale members and cleans
 * them up, sendMessages after cleanup, a $connect (join announced to all), a
 * $disconnect, and both listings at their largest page.
 */
export async function measureWorstCase(
  server: ServerChild,
  options: WorstCaseOptions,
  onProgress: (detail: string) => void,
  reuse?: FilledRoom,
): Promise<{ result: WorstCaseResult; clients: BenchClient[] }> {
  const startedAt = performance.now();
  const limit = options.page ?? LARGEST_PAGE;
  let room: FilledRoom;
  const reusedRoom = reuse !== undefined && reuse.members.length === options.size;
  if (reusedRoom) {
    room = reuse;
  } else {
    const ledger = new DeliveryLedger();
    const { rooms, roomIds } = await connectRooms(
      server,
      1,
      options.size,
      options.connectConcurrency,
      ledger,
      (connected) => onProgress(`connecting ${connected}/${options.size}`),
    );
    room = { roomId: roomIds[0]!, members: rooms[0]!, ledger };
    onProgress("waiting for join notifications");
    await waitForQuiet(server);
  }
  const { roomId, members, ledger } = room;
  const clients = [...members];
  const count = () => server.request<RoomMembers>("roomMembers", { roomId });

  // The largest pages the listings can answer: at least a page of rooms, a page of the longest messages.
  onProgress("filling a page of rooms");
  const listedRooms = (await listed(`${server.apiUrl}/rooms?limit=${limit}`, "rooms")).length;
  const names = Array.from({ length: Math.max(0, limit - listedRooms) }, (_, index) =>
    `worst case ${index}`.padEnd(64, "."),
  );
  await pLimit(8).map(names, (name) => createRoom(server.apiUrl, name));
  onProgress("filling a page of history");
  await server.request("storeMessages", { roomId, count: limit, text: HISTORY_TEXT });

  const peakRss = new PeakRss(server.pid);
  const java = server.childPids.find((pid) => processName(pid) === "java");
  const javaPeak = java === undefined ? undefined : new PeakRss(java);

  onProgress(`making ${options.stale} members stale`);
  const staleArgs: StaleMembersArgs = { roomId, count: options.stale, ageMs: 2 * handshakeWindowMs };
  await server.request("staleMembers", staleArgs);
  const withStale = await count();

  const batches: Batch[] = [];
  let sent = 0;
  const send = (sender: BenchClient) => {
    const batch = new Batch();
    const id = ledger.newMessageId();
    ledger.recordSend(id, members.length, batch);
    batches.push(batch);
    sender.send(`worst case ${sent++}`, id);
    return waitForDeliveries([batch], INVOCATION_TIMEOUT_MS);
  };
  const leavesBefore = members.map((member) => member.leaves);
  const leavesOf = () => members.map((member, index) => member.leaves - leavesBefore[index]!);

  onProgress(`sendMessage meeting ${options.stale} stale members`);
  const cleanupMs = await timed(server, "ws-send-message", () => send(members[0]!));
  // Above FAN_OUT_SHARD_ABOVE the shards' invocations find the stale members after
  // sendMessage returned: the cleanup is done when the room holds its live members only.
  await pollUntil(async () => (await count()).memberItems === members.length, {
    timeoutMs: CLEANUP_TIMEOUT_MS,
    intervalMs: 100,
  });
  const cleanupRequests = (await server.request<MeterReport>("counts")).counts;
  const afterCleanup = await count();
  const shardMs = (await server.request<InvocationReport>("invocations")).invocations
    .filter((invocation) => invocation.name === "queue-deliver-shards")
    .map((invocation) => invocation.end - invocation.start);
  // The departures are posted at once in a small room, batched (and paced) in a big one.
  await pollUntil(() => leavesOf().every((leaves) => leaves >= options.stale), {
    timeoutMs: CLEANUP_TIMEOUT_MS,
    intervalMs: 20,
  });
  const leaves = leavesOf();

  const normalMs: number[] = [];
  for (let index = 1; index <= REPEATS.normalSend; index++) {
    onProgress(`sendMessage after cleanup ${index}/${REPEATS.normalSend}`);
    normalMs.push(await timed(server, "ws-send-message", () => send(members[index % members.length]!)));
  }

  onProgress("$connect into the room");
  const newcomer = new BenchClient(0, members.length, ledger.recordDelivery);
  clients.push(newcomer);
  const connectMs = await timed(server, "ws-connect", () => newcomer.connect(server.wsUrl, roomId));
  onProgress("$disconnect from the room");
  const disconnectMs = await timed(server, "ws-disconnect", async () => newcomer.close());

  const listRoomsMs: number[] = [];
  const listMessagesMs: number[] = [];
  for (let index = 0; index < REPEATS.http; index++) {
    onProgress(`GET /rooms and /rooms/{id}/messages ${index + 1}/${REPEATS.http}`);
    listRoomsMs.push(
      await timed(server, "http-list-rooms", async () => {
        const rooms = await listed(`${server.apiUrl}/rooms?limit=${limit}`, "rooms");
        if (rooms.length !== limit) throw new Error(`GET /rooms gave ${rooms.length} rooms, not ${limit}`);
      }),
    );
    listMessagesMs.push(
      await timed(server, "http-list-messages", async () => {
        const messages = await listed(`${server.apiUrl}/rooms/${roomId}/messages?limit=${limit}`, "messages");
        if (messages.length !== limit)
          throw new Error(`GET /rooms/{id}/messages gave ${messages.length} messages, not ${limit}`);
      }),
    );
  }
  const atEnd = await count();
  const rss = peakRss.stop();
  const javaRss = javaPeak?.stop();

  const timing = (what: string, handler: string, samples: number[]): InvocationTiming => ({
    what,
    handler,
    samplesMs: samples.map((ms) => round(ms)),
    worstMs: round(Math.max(...samples)),
  });
  const invocations = [
    timing(`sendMessage that meets ${options.stale} stale members (${options.size} live)`, "ws-send-message", [
      cleanupMs,
    ]),
    ...(shardMs.length > 0
      ? [
          timing(
            "a fan-out shard of that message (stale members among its recipients)",
            "queue-deliver-shards",
            shardMs,
          ),
        ]
      : []),
    timing(`sendMessage after cleanup (${options.size} members)`, "ws-send-message", normalMs),
    timing(`$connect into the room (join announced to ${options.size})`, "ws-connect", [connectMs]),
    timing(`$disconnect from the room (leave announced to ${options.size})`, "ws-disconnect", [disconnectMs]),
    timing(`GET /rooms?limit=${limit}`, "http-list-rooms", listRoomsMs),
    timing(
      `GET /rooms/{id}/messages?limit=${limit} (messages of ${[...HISTORY_TEXT].length} 4-byte characters)`,
      "http-list-messages",
      listMessagesMs,
    ),
  ];
  const worstOf = (handler: string) =>
    Math.max(...invocations.filter((row) => row.handler === handler).map((row) => row.worstMs));
  const kindOf = (handler: string) => (handler.startsWith("http-") ? "http" : "ws");
  const handlers = [...new Set(invocations.map((row) => row.handler))];
  const worstOfKind = (kind: "ws" | "http") =>
    Math.max(...handlers.filter((handler) => kindOf(handler) === kind).map(worstOf));
  const timeouts = [
    ...handlers.map((handler) => timeoutFor(handler, kindOf(handler), worstOf(handler))),
    timeoutFor("ws", "ws", worstOfKind("ws")),
    timeoutFor("http", "http", worstOfKind("http")),
  ];
  return {
    clients,
    result: {
      roomSize: options.size,
      stale: options.stale,
      reusedRoom,
      invocations,
      members: { withStale, afterCleanup, atEnd, liveClients: members.length },
      staleRemoved:
        withStale.memberItems === members.length + options.stale &&
        afterCleanup.memberItems === members.length &&
        afterCleanup.counter === members.length &&
        atEnd.memberItems === members.length &&
        atEnd.counter === members.length,
      leavesPerClient: { min: Math.min(...leaves), max: Math.max(...leaves) },
      deliveries: {
        messages: batches.length,
        expected: batches.reduce((sum, batch) => sum + batch.expected, 0),
        delivered: batches.reduce((sum, batch) => sum + batch.delivered, 0),
        duplicated: batches.reduce((sum, batch) => sum + batch.duplicated, 0),
      },
      cleanupRequests,
      peakRssMiB: rss.peakMiB,
      peakRssHow: rss.how,
      ...(javaRss && { javaPeakRssMiB: javaRss.peakMiB }),
      historyMessageChars: [...HISTORY_TEXT].length,
      timeouts,
      seconds: round((performance.now() - startedAt) / 1000),
    },
  };
}
