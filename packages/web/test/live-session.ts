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
const AT_LEAST = 20;
// One history page holds them all.
const AT_MOST = 100;

/**
 * A person writing messages 100 ms apart; `fault` runs right after the sixth, and the writing goes
 * on until what it returns (the recovery) has settled, 20 messages at least and 100 at most, so
 * that messages are written for as long as the fault lasts, however long that is. Resolves once
 * the session has seen every message, echoed or found by a backfill: its outbox is then empty
 * and nothing more is sent, so the history is final. Returns the texts written and the history's
 * texts, oldest first.
 */
export async function writeThroughFault(
  { session, api, roomId, events }: LiveSession,
  fault: () => Promise<unknown>,
): Promise<{ written: string[]; stored: string[] }> {
  const written: string[] = [];
  let recovered: Promise<unknown> = Promise.resolve();
  let settled = false;
  while (written.length < AT_MOST && (written.length < AT_LEAST || !settled)) {
    const text = `m${written.length}`;
    written.push(text);
    session.sendMessage(text);
    if (written.length === FAULT_AFTER + 1) {
      recovered = fault();
      recovered.then(
        () => (settled = true),
        () => (settled = true),
      );
    }
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
        `the session saw ${JSON.stringify([...seen()])}; its errors and statuses: ${errorsAndStatuses(events).slice(0, 3000)}`,
      ),
  });
  const history = await api.listMessages(roomId, {}, AT_MOST);
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

/** The session's server errors and connection statuses, in order, as text: what a failed check shows. */
export const errorsAndStatuses = (events: SessionEvent[]) =>
  JSON.stringify(events.filter((event) => event.type === "serverError" || event.type === "status"));
