import { setTimeout as sleep } from "node:timers/promises";
import { waitUntil } from "@chat/local/wait-until";
import { type ApiClient, createApiClient } from "../src/lib/api-client";
import { ChatSession, type ChatSessionOptions, type SessionEvent } from "../src/lib/chat-session";

/** A session of the web client as the browser runs it (here on Node's WebSocket), and every event it emitted. */
export interface LiveSession {
  session: ChatSession;
  api: ApiClient;
  roomId: string;
  events: SessionEvent[];
}

/** Creates a room and starts a session in it against the real runtime; resolves once its first history is in. */
export async function startLiveSession(
  urls: { apiUrl: string; wsUrl: string },
  roomName: string,
  options: Pick<ChatSessionOptions, "keepAliveMs"> = {},
): Promise<LiveSession> {
  const api = createApiClient(urls.apiUrl);
  const room = await api.createRoom(roomName);
  const events: SessionEvent[] = [];
  const session = new ChatSession({
    wsUrl: urls.wsUrl,
    api,
    roomId: room.id,
    name: "ann",
    onEvent: (event) => events.push(event),
    ...options,
  });
  session.start();
  try {
    await waitUntil("the session's first history", () => events.some((event) => event.type === "history"), {
      timeoutMs: 30_000,
      intervalMs: 25,
    });
  } catch (error) {
    session.stop();
    throw error;
  }
  return { session, api, roomId: room.id, events };
}

const FAULT_AFTER = 5;

/**
 * A person writing 20 messages, 100 ms apart; `fault` runs right after the sixth, and what it
 * returns (the recovery) is awaited after the last. Resolves once the session has seen every
 * message, echoed or found by a backfill: its outbox is then empty and nothing more is sent,
 * so the history is final. Returns the texts written and the history's texts, oldest first.
 */
export async function writeThroughFault(
  { session, api, roomId, events }: LiveSession,
  fault: () => Promise<unknown>,
): Promise<{ written: string[]; stored: string[] }> {
  const written = Array.from({ length: 20 }, (_, index) => `m${index}`);
  let recovered: Promise<unknown> = Promise.resolve();
  for (const [index, text] of written.entries()) {
    session.sendMessage(text);
    if (index === FAULT_AFTER) recovered = fault();
    await sleep(100); // a person writing, not a wait for anything
  }
  await recovered;
  const seen = () =>
    new Set(
      events.flatMap((event) =>
        event.type === "messages" || event.type === "history" ? event.messages.map((message) => message.text) : [],
      ),
    );
  await waitUntil("the session has seen every message", () => written.every((text) => seen().has(text)), {
    timeoutMs: 90_000,
    intervalMs: 100,
    timeoutError: () =>
      new Error(
        `the session saw ${JSON.stringify([...seen()])}; its errors and statuses: ${JSON.stringify(
          events.filter((event) => event.type === "serverError" || event.type === "status"),
        ).slice(0, 3000)}`,
      ),
  });
  const history = await api.listMessages(roomId, {}, 100);
  const stored = history.messages.map((message) => message.text);
  if (stored.join() !== written.join()) {
    // For the failure's reader: which messages the session saw, how (live or fetched), and with which ids.
    const seenMessages = events.flatMap((event) =>
      event.type === "messages" || event.type === "history"
        ? event.messages.map((message) => `${event.type} ${message.id} ${message.text}`)
        : [],
    );
    const others = events.filter((event) => event.type !== "messages" && event.type !== "history");
    console.error(
      `the history differs from what was written.\nseen: ${JSON.stringify(seenMessages)}\n` +
        `stored: ${JSON.stringify(history.messages.map((message) => `${message.id} ${message.text}`))}\n` +
        `other events: ${JSON.stringify(others)}`,
    );
  }
  return { written, stored };
}

/** Whether the session felt the fault: a frame refused with `code`, or the connection lost and made again. */
export const felt = (events: SessionEvent[], code?: string) =>
  events.some(
    (event) =>
      (code !== undefined && event.type === "serverError" && event.code === code) ||
      (event.type === "status" && event.status === "reconnecting"),
  );
