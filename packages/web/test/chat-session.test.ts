import { LATE_MESSAGE_WINDOW_MS, lowestMessageIdAt, type Message, type MessagesPage, type Room } from "@chat/wire";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiClient, MessagesAnchor } from "../src/lib/api-client";
import {
  ChatSession,
  ECHO_WAIT_MS,
  type SessionEvent,
  type SocketLike,
  type UnsentMessage,
} from "../src/lib/chat-session";
import { message } from "./fixtures";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike["onopen"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  onmessage: SocketLike["onmessage"] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.close();
  }
}

/** The data of every sendMessage frame sent on `socket`, in order. */
const sentMessages = (socket: FakeSocket) =>
  socket.sent.flatMap((frame) => {
    const { action, data } = frame as { action: string; data?: { message: string; clientMessageId?: string } };
    return action === "sendMessage" ? [data!] : [];
  });

const room: Room = { id: "room-1", name: "Room", createdAt: "2025-01-01T00:00:00Z", members: 0 };

/** An API whose message history is `stored`: the newest `newestPage` first, then two at a time for `after=` and `before=`. */
function fakeApi(stored: Message[], roomExists = () => true, newestPage = 50) {
  const calls: MessagesAnchor[] = [];
  const olderThan = (before: string | undefined, size: number): MessagesPage => {
    const older = stored.filter((m) => before === undefined || m.id < before);
    const page = older.slice(-size);
    return { messages: page, cursor: older.length > size ? (page[0]?.id ?? null) : null };
  };
  const api: ApiClient = {
    createRoom: vi.fn(),
    listRooms: vi.fn(),
    getRoom: vi.fn(async () => (roomExists() ? room : null)),
    async listMessages(_roomId, anchor = {}): Promise<MessagesPage> {
      calls.push(anchor);
      if ("after" in anchor) {
        const newer = stored.filter((m) => m.id > anchor.after).slice(0, 2);
        const more = stored.some((m) => m.id > (newer.at(-1)?.id ?? anchor.after) && newer.length === 2);
        return { messages: newer, cursor: more ? (newer.at(-1)?.id ?? null) : null };
      }
      return "before" in anchor ? olderThan(anchor.before, 2) : olderThan(undefined, newestPage);
    },
  };
  return { api, calls };
}

describe("ChatSession", () => {
  let sockets: FakeSocket[];
  let events: SessionEvent[];

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    events = [];
  });
  afterEach(() => vi.useRealTimers());

  /**
   * A started session over fake sockets; `unsent` is restored before it starts. The short ids of
   * these tests carry no time, so the late-message window is off unless a test asks for it; so is
   * the keep-alive, whose pings would never end a run of all timers.
   */
  function startSession(api: ApiClient, unsent: UnsentMessage[] = [], lateMessageWindowMs = 0, keepAliveMs = 0) {
    const session = new ChatSession({
      lateMessageWindowMs,
      keepAliveMs,
      wsUrl: "ws://127.0.0.1:3002",
      api,
      roomId: "room-1",
      name: "Ann Lee",
      onEvent: (event) => events.push(event),
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      delayForAttempt: () => 1000,
    });
    session.restore(unsent);
    session.start();
    return session;
  }
  const statuses = () => events.filter((e) => e.type === "status").map((e) => (e as { status: string }).status);
  const deliveredIds = () =>
    events.flatMap((e) => (e.type === "messages" || e.type === "history" ? e.messages.map((m) => m.id) : []));

  /** A session whose socket opened and whose start settled; newEvents() are the events since. */
  async function openedSession(stored: Message[] = []) {
    const { api, calls } = fakeApi(stored);
    const session = startSession(api);
    const socket = sockets[0]!;
    socket.open();
    await vi.runAllTimersAsync();
    const before = events.length;
    return { session, socket, calls, newEvents: () => events.slice(before) };
  }

  it("connects with roomId and name, says hello and loads the newest history", async () => {
    const { api } = fakeApi([message("01"), message("02")]);
    startSession(api);
    const socket = sockets[0]!;
    expect(new URL(socket.url).searchParams.get("roomId")).toBe("room-1");
    expect(new URL(socket.url).searchParams.get("name")).toBe("Ann Lee");
    socket.open();
    await vi.runAllTimersAsync();
    expect(socket.sent).toEqual([{ action: "hello" }]);
    expect(statuses()).toEqual(["connecting", "connected"]);
    expect(deliveredIds()).toEqual(["01", "02"]);
  });

  it("reconnects after a drop and backfills with after= until the cursor is null", async () => {
    const stored = [message("01")];
    const { api, calls } = fakeApi(stored);
    startSession(api);
    sockets[0]!.open();
    await vi.runAllTimersAsync();
    sockets[0]!.receive({ type: "message", message: message("02") });
    stored.push(message("02"));

    sockets[0]!.drop();
    expect(statuses().at(-1)).toBe("reconnecting");
    stored.push(message("03"), message("04"), message("05"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    await vi.runAllTimersAsync();

    expect(statuses().at(-1)).toBe("connected");
    expect(calls.slice(1)).toEqual([{ after: "02" }, { after: "04" }]);
    expect(deliveredIds()).toEqual(["01", "02", "03", "04", "05"]);
  });

  describe("messages stored late (ids sort by acceptance, not storage)", () => {
    const idAt = (time: number, suffix: string) => `${lowestMessageIdAt(time).slice(0, 10)}${suffix.padStart(16, "0")}`;
    const at = Date.UTC(2026, 11, 3, 14, 0, 0);

    /** A session with the real window over `stored`, its first connection open and its history in. */
    async function openedWithLateWindow(stored: Message[]) {
      const { api, calls } = fakeApi(stored);
      startSession(api, [], LATE_MESSAGE_WINDOW_MS);
      sockets[0]!.open();
      await vi.advanceTimersByTimeAsync(0);
      return calls;
    }

    it("backfills from a late-message window before the newest message seen, and merges by id", async () => {
      const stored = [message(idAt(at, "1"))];
      const calls = await openedWithLateWindow(stored);
      const newest = message(idAt(at + 5_000, "3"));
      sockets[0]!.receive({ type: "message", message: newest });
      stored.push(newest);
      sockets[0]!.drop();
      // Accepted before the newest, stored after it was seen: this client never got it live.
      const late = message(idAt(at + 4_000, "2"));
      stored.splice(1, 0, late);
      await vi.advanceTimersByTimeAsync(1000);
      sockets[1]!.open();
      await vi.advanceTimersByTimeAsync(0);
      expect(calls[1]).toEqual({ after: lowestMessageIdAt(at + 5_000 - LATE_MESSAGE_WINDOW_MS) });
      expect(new Set(deliveredIds())).toEqual(new Set([stored[0]!.id, late.id, newest.id]));
    });

    it("backfills once more a window after joining: a message accepted before the join may be stored after its backfill", async () => {
      const stored = [message(idAt(at, "1"))];
      const calls = await openedWithLateWindow(stored);
      expect(calls).toEqual([{}]);
      const late = message(idAt(at - 2_000, "9"));
      stored.unshift(late);
      await vi.advanceTimersByTimeAsync(LATE_MESSAGE_WINDOW_MS - 1);
      expect(deliveredIds()).not.toContain(late.id);
      await vi.advanceTimersByTimeAsync(1);
      expect(deliveredIds()).toContain(late.id);
      // Once per connection: no further backfills while it stays open.
      const backfills = calls.length;
      await vi.advanceTimersByTimeAsync(5 * LATE_MESSAGE_WINDOW_MS);
      expect(calls).toHaveLength(backfills);
    });
  });

  it("keeps retrying while the server is down, then reports not_found if the room is gone", async () => {
    let exists = true;
    const { api } = fakeApi([], () => exists);
    startSession(api);
    sockets[0]!.drop(); // refused before open, room still exists: retry
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    exists = false;
    sockets[1]!.drop();
    await vi.runAllTimersAsync();
    expect(statuses().at(-1)).toBe("not_found");
    expect(sockets).toHaveLength(2);
  });

  it("retries a handshake that failed with an error and no close event, as Node's WebSocket reports it", async () => {
    const { api } = fakeApi([]);
    startSession(api);
    sockets[0]!.onerror?.({});
    await vi.advanceTimersByTimeAsync(0);
    expect(api.getRoom).toHaveBeenCalledTimes(1);
    expect(statuses()).toEqual(["connecting", "reconnecting"]);
    // A close event after all (as browsers send) changes nothing.
    sockets[0]!.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    expect(statuses()).toEqual(["connecting", "reconnecting"]);
  });

  it("sends queued messages after reconnecting, unless the backfill shows they arrived", async () => {
    const stored: Message[] = [];
    const { api } = fakeApi(stored);
    const session = startSession(api);
    sockets[0]!.open();
    await vi.runAllTimersAsync();
    const delivered = session.sendMessage("made it");
    sockets[0]!.drop();
    stored.push(message("01", { clientMessageId: delivered, text: "made it" }));
    session.sendMessage("while offline");

    await vi.advanceTimersByTimeAsync(1000);
    sockets[1]!.open();
    // Settled, short of the echo wait (the fake server never answers).
    await vi.advanceTimersByTimeAsync(10);
    const resent = sockets[1]!.sent.filter((frame) => (frame as { action: string }).action === "sendMessage");
    expect(resent).toEqual([
      { action: "sendMessage", data: { message: "while offline", clientMessageId: expect.any(String) } },
    ]);
  });

  it("announces each message's first send with the newest message delivered by then, and not its resends", async () => {
    const { session, socket, newEvents } = await openedSession([message("01")]);
    const first = session.sendMessage("one");
    expect(newEvents()).toEqual([{ type: "sending", clientMessageId: first, after: "01" }]);
    socket.receive(gatewayError);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentMessages(socket).map((data) => data.message)).toEqual(["one", "one"]);
    expect(newEvents().filter((event) => event.type === "sending")).toHaveLength(1);
  });

  it("sends one message at a time: the next after the echo of the one before", async () => {
    const { session, socket } = await openedSession();
    const sentTexts = () => sentMessages(socket).map((data) => data.message);
    const first = session.sendMessage("one");
    session.sendMessage("two");
    expect(sentTexts()).toEqual(["one"]);
    socket.receive({ type: "message", message: message("01", { clientMessageId: first, text: "one" }) });
    expect(sentTexts()).toEqual(["one", "two"]);
  });

  describe("keep-alive", () => {
    const KEEP_ALIVE = 60_000;
    const welcome = {
      type: "welcome",
      you: { id: "m-ann", name: "Ann Lee" },
      room: { ...room, members: 1 },
      members: [{ id: "m-ann", name: "Ann Lee" }],
    };
    const pong = { type: "pong" };
    const pings = (socket: FakeSocket) =>
      socket.sent.filter((frame) => (frame as { action: string }).action === "ping");
    const serverErrors = () => events.filter((event) => event.type === "serverError");

    /** A session whose connection is open and welcomed, with nothing sent since its hello. */
    async function quietSession() {
      const session = startSession(fakeApi([]).api, [], 0, KEEP_ALIVE);
      const socket = sockets[0]!;
      socket.open();
      socket.receive(welcome);
      await vi.advanceTimersByTimeAsync(0);
      return { session, socket };
    }

    it("pings when nothing was sent for the keep-alive time, and keeps the connection while pongs come", async () => {
      const { socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE - 1);
      expect(pings(socket)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(pings(socket)).toHaveLength(1);
      socket.receive(pong);
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      expect(pings(socket)).toHaveLength(2);
      socket.receive(pong);
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS * 2);
      expect(socket.readyState).toBe(1);
      expect(sockets).toHaveLength(1);
      expect(statuses()).toEqual(["connecting", "connected"]);
      expect(events.filter((event) => event.type === "welcome")).toHaveLength(1);
    });

    it("counts every frame it sends as activity: the next ping waits the whole quiet time after it", async () => {
      const { session, socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE / 2);
      session.sendTyping();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE - 1);
      expect(pings(socket)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(pings(socket)).toHaveLength(1);
    });

    it("takes an error naming no message for its ping's: refused pings are nothing the person did", async () => {
      const { socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      socket.receive({ type: "error", error: { code: "rate_limited", message: "Slow down" } });
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS + 1); // past the answer wait, short of the next ping
      expect(serverErrors()).toEqual([]);
      expect(sockets).toHaveLength(1);
      // With no ping waiting, such an error is shown.
      socket.receive({ type: "error", error: { code: "unavailable", message: "Try again" } });
      expect(serverErrors()).toHaveLength(1);
    });

    it("takes any frame heard while its ping waits as a sign of life: a message's echo keeps the connection", async () => {
      const { session, socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      const id = session.sendMessage("still here");
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS - 1);
      socket.receive({ type: "message", message: message("01", { clientMessageId: id, text: "still here" }) });
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS * 2);
      expect(socket.readyState).toBe(1);
      expect(sockets).toHaveLength(1);
    });

    it("does not take API Gateway's error frame for a message sent after its unanswered ping", async () => {
      const { session, socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      session.sendMessage("after the ping");
      socket.receive({ message: "Internal server error", connectionId: "abc=", requestId: "def=" });
      expect(serverErrors()).toEqual([]);
      // Still awaiting its echo: not sent again, and no history looked at for it.
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS - 1);
      expect(sentMessages(socket).map((data) => data.message)).toEqual(["after the ping"]);
      expect(sockets).toHaveLength(1);
    });

    it("takes a connection silent after its ping for dead: drops it and reconnects", async () => {
      const { socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      expect(pings(socket)).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS - 1);
      expect(socket.readyState).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(socket.readyState).toBe(3);
      expect(statuses().at(-1)).toBe("reconnecting");
      await vi.advanceTimersByTimeAsync(1000);
      expect(sockets).toHaveLength(2);
      sockets[1]!.open();
      expect(sockets[1]!.sent).toEqual([{ action: "hello" }]);
    });

    /** The page frozen (a laptop asleep) for `ms` while its ping waits: the clock jumps, the timers have not run. */
    function sleepThrough(ms: number) {
      vi.setSystemTime(Date.now() + ms);
    }

    it("after a sleep, gives frames already queued a moment before taking the silence for death", async () => {
      const { socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      sleepThrough(10 * 60_000);
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS); // the overdue wait runs before the queued pong
      expect(socket.readyState).toBe(1);
      socket.receive(pong);
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS + 1); // past the answer wait, short of the next ping
      expect(socket.readyState).toBe(1);
      expect(sockets).toHaveLength(1);
      expect(pings(socket)).toHaveLength(1);
      // The ping's answer was taken: an error naming no message is shown again.
      socket.receive({ type: "error", error: { code: "unavailable", message: "Try again" } });
      expect(serverErrors()).toHaveLength(1);
    });

    it("after a sleep, still finds a dead connection, a moment later", async () => {
      const { socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      sleepThrough(10 * 60_000);
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS);
      expect(socket.readyState).toBe(1);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(socket.readyState).toBe(3);
      expect(statuses().at(-1)).toBe("reconnecting");
      expect(pings(socket)).toHaveLength(1);
    });

    it("takes a page whose timers keep running late for dead all the same when nothing comes", async () => {
      const { socket } = await quietSession();
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE);
      sleepThrough(10 * 60_000);
      await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS);
      sleepThrough(60_000); // a hidden tab's timer, a minute late
      await vi.advanceTimersByTimeAsync(3_000);
      expect(socket.readyState).toBe(3);
    });
  });

  it("with no answer within the echo wait, takes the connection for dead: reconnects, looks in the history, sends it again first", async () => {
    const { session, socket, calls } = await openedSession([message("01")]);
    session.sendMessage("one");
    session.sendMessage("two");
    // No answer for "one" (the frame or its answer lost): nothing else goes while it may still come.
    await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS - 1);
    expect(sentMessages(socket).map((data) => data.message)).toEqual(["one"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.slice(-2)).toEqual([
      { type: "serverError", code: "no_answer", message: "The server did not answer" },
      { type: "status", status: "reconnecting" },
    ]);
    expect(socket.readyState).toBe(3);
    // A new connection after the backoff (1 s here), and a backfill that does not have it: sent again, still first.
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.at(-1)).toEqual({ after: "01" });
    expect(sentMessages(sockets[1]!).map((data) => data.message)).toEqual(["one"]);
  });

  const gatewayError = { message: "Internal server error", connectionId: "abc=", requestId: "def=" };

  it("after API Gateway's error frame, fetches what came after and sends the message again, before newer ones", async () => {
    const { session, socket, calls } = await openedSession([message("01")]);
    const sentTexts = () => sentMessages(socket).map((data) => data.message);
    session.sendMessage("one");
    session.sendMessage("two");
    socket.receive(gatewayError);
    expect(events).toContainEqual({
      type: "serverError",
      code: "gateway_error",
      message: "The server failed: Internal server error",
    });
    // Held for the backoff (1 s here), then a backfill that does not have "one": sent again, first.
    await vi.advanceTimersByTimeAsync(999);
    expect(sentTexts()).toEqual(["one"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.at(-1)).toEqual({ after: "01" });
    expect(sentTexts()).toEqual(["one", "one"]);
  });

  it("does not take API Gateway's error frame for the message's when a typing frame went out after it", async () => {
    const { session, socket } = await openedSession([message("01")]);
    const sentTexts = () => sentMessages(socket).map((data) => data.message);
    session.sendMessage("one");
    session.sendTyping();
    socket.receive(gatewayError);
    // It may be the typing frame's: "one" may still be stored, so it is not sent again yet.
    await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS - 1);
    expect(sentTexts()).toEqual(["one"]);
    // The wait over with no answer, its outcome is unknown: a new connection, looked for, not found, sent again.
    await vi.advanceTimersByTimeAsync(1 + 1000);
    sockets[1]!.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(sentMessages(sockets[1]!).map((data) => data.message)).toEqual(["one"]);
  });

  it("after API Gateway's error frame, does not send again a message the backfill shows was stored", async () => {
    const stored = [message("01")];
    const { session, socket } = await openedSession(stored);
    const first = session.sendMessage("one");
    session.sendMessage("two");
    // Stored, but the handler failed before its echo went out.
    stored.push(message("02", { clientMessageId: first, text: "one" }));
    socket.receive(gatewayError);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentMessages(socket).map((data) => data.message)).toEqual(["one", "two"]);
    expect(deliveredIds()).toContain("02");
  });

  it("gives up a message after three API Gateway error frames, and sends the next", async () => {
    const { session, socket, newEvents } = await openedSession();
    const first = session.sendMessage("breaks the handler");
    session.sendMessage("two");
    for (let failures = 1; failures < 3; failures++) {
      socket.receive(gatewayError);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(sentMessages(socket).map((data) => data.message)).toEqual(Array(3).fill("breaks the handler"));
    socket.receive(gatewayError);
    expect(newEvents()).toContainEqual({
      type: "messageRejected",
      clientMessageId: first,
      code: "gateway_error",
      message: "The server failed: Internal server error",
    });
    expect(
      sentMessages(socket)
        .map((data) => data.message)
        .at(-1),
    ).toBe("two");
  });

  /** A session whose first message ("given up") met three API Gateway error frames and was given up. */
  async function sessionWithGivenUpMessage(stored: Message[]) {
    const opened = await openedSession(stored);
    const clientMessageId = opened.session.sendMessage("given up");
    for (let failures = 0; failures < 3; failures++) {
      opened.socket.receive(gatewayError);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(opened.newEvents()).toContainEqual(expect.objectContaining({ type: "messageRejected", clientMessageId }));
    return { ...opened, clientMessageId };
  }

  it("retries a given-up message under the same clientMessageId, after a look at the history", async () => {
    const { session, socket, calls, clientMessageId } = await sessionWithGivenUpMessage([message("01")]);
    const sendsBefore = sentMessages(socket).length;
    session.retry(clientMessageId, "given up");
    await vi.runOnlyPendingTimersAsync();
    expect(calls.at(-1)).toEqual({ after: "01" });
    expect(sentMessages(socket).slice(sendsBefore)).toEqual([{ message: "given up", clientMessageId }]);
  });

  it("does not send again a retried message the history shows was stored by the try given up", async () => {
    const stored = [message("01")];
    const { session, socket, clientMessageId, newEvents } = await sessionWithGivenUpMessage(stored);
    stored.push(message("02", { clientMessageId, text: "given up" }));
    const sendsBefore = sentMessages(socket).length;
    session.retry(clientMessageId, "given up");
    await vi.advanceTimersByTimeAsync(ECHO_WAIT_MS);
    expect(sentMessages(socket).length).toBe(sendsBefore);
    expect(newEvents()).toContainEqual({ type: "messages", messages: [stored[1]] });
  });

  it("sends a message retried while offline once it is back, and queues it after the ones already waiting", async () => {
    const { session, socket, clientMessageId } = await sessionWithGivenUpMessage([]);
    socket.drop();
    session.sendMessage("written offline");
    session.retry(clientMessageId, "given up");
    await vi.advanceTimersByTimeAsync(1000);
    const next = sockets.at(-1)!;
    next.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(sentMessages(next).map((data) => data.message)).toEqual(["written offline"]);
    const written = sentMessages(next)[0]!.clientMessageId;
    next.receive({ type: "message", message: message("01", { clientMessageId: written, text: "written offline" }) });
    expect(sentMessages(next).map((data) => data.message)).toEqual(["written offline", "given up"]);
  });

  describe("messages an earlier page load left unsent", () => {
    // Nine messages, 01 to 09; the newest page holds two (08, 09), older pages two each.
    const history = () => Array.from({ length: 9 }, (_, index) => message(`0${index + 1}`));

    function restoredSession(stored: Message[], unsent: UnsentMessage[]) {
      const { api, calls } = fakeApi(stored, () => true, 2);
      const session = startSession(api, unsent);
      sockets[0]!.open();
      return { session, socket: sockets[0]!, calls };
    }

    it("loads history back to where they were sent, and sends the ones not there, before newer ones", async () => {
      const stored = history();
      const { session, socket, calls } = restoredSession(stored, [
        { clientMessageId: "stored-before-reload", text: "made it", sentAfter: "04" },
        { clientMessageId: "lost", text: "did not", sentAfter: "05" },
      ]);
      stored[5] = message("06", { clientMessageId: "stored-before-reload", text: "made it" });
      session.sendMessage("written after the reload");
      await vi.advanceTimersByTimeAsync(0);
      // Newest page (08, 09), then 06–07 and 04–05: the page reaching back to 04 is the last.
      expect(calls).toEqual([{}, { before: "08" }, { before: "06" }]);
      const loaded = events.find((event) => event.type === "history");
      expect(loaded).toMatchObject({ olderCursor: "04" });
      expect((loaded as { messages: Message[] }).messages.map((m) => m.id)).toEqual([
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
      ]);
      expect(sentMessages(socket)).toEqual([{ message: "did not", clientMessageId: "lost" }]);
    });

    it("for one sent before any message was known, looks back to the first message", async () => {
      const { calls } = restoredSession(history(), [{ clientMessageId: "c1", text: "early", sentAfter: null }]);
      await vi.advanceTimersByTimeAsync(0);
      expect(calls.at(-1)).toEqual({ before: "02" });
      expect(events.find((event) => event.type === "history")).toMatchObject({ olderCursor: null });
    });

    it("without any, or with only ones that never went out (they cannot be stored), loads only the newest page", async () => {
      const { calls } = restoredSession(history(), []);
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([{}]);
      vi.clearAllTimers();
      sockets = [];
      const neverSent = restoredSession(history(), [{ clientMessageId: "c1", text: "queued offline" }]);
      await vi.advanceTimersByTimeAsync(0);
      expect(neverSent.calls).toEqual([{}]);
      expect(sentMessages(neverSent.socket)).toEqual([{ message: "queued offline", clientMessageId: "c1" }]);
    });

    it("does not announce again the first send of one that went out before the reload", async () => {
      const { socket } = restoredSession(history(), [{ clientMessageId: "c1", text: "again", sentAfter: "09" }]);
      await vi.advanceTimersByTimeAsync(0);
      expect(sentMessages(socket)).toEqual([{ message: "again", clientMessageId: "c1" }]);
      expect(events.filter((event) => event.type === "sending")).toEqual([]);
    });
  });

  it("runs one backfill at a time: one asked for during another runs after it, and nothing is sent between", async () => {
    const stored = [message("01")];
    const { api, calls } = fakeApi(stored);
    // While the gate is closed, the first after= backfill waits until `opening` is called.
    let gateClosed = false;
    let opening: (() => void) | undefined;
    const gated: ApiClient = {
      ...api,
      async listMessages(roomId, anchor = {}, limit) {
        if ("after" in anchor && opening === undefined && gateClosed)
          await new Promise<void>((open) => (opening = open));
        return api.listMessages(roomId, anchor, limit);
      },
    };
    const session = startSession(gated);
    const socket = sockets[0]!;
    socket.open();
    await vi.advanceTimersByTimeAsync(0);
    // "given up" meets three API Gateway error frames and is given up.
    const givenUp = session.sendMessage("given up");
    for (let failures = 0; failures < 3; failures++) {
      socket.receive(gatewayError);
      await vi.advanceTimersByTimeAsync(1000);
    }
    // "held" waits out its backoff after an error frame; meanwhile "given up" is retried, and
    // the retry's backfill hangs.
    session.sendMessage("held");
    socket.receive(gatewayError);
    gateClosed = true;
    session.retry(givenUp, "given up");
    await vi.advanceTimersByTimeAsync(0);
    const backfillsBefore = calls.filter((anchor) => "after" in anchor).length;
    const sendsBefore = sentMessages(socket).length;
    // The backoff ends: its backfill waits for the one under way instead of running beside it.
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.filter((anchor) => "after" in anchor).length).toBe(backfillsBefore);
    // "held" was stored after all: the backfills find it, so only "given up" goes out again.
    stored.push(message("02", { text: "held", clientMessageId: sentMessages(socket).at(-1)!.clientMessageId }));
    gateClosed = false;
    opening!();
    await vi.advanceTimersByTimeAsync(0);
    // The backfill that waited at the gate, then the one asked for meanwhile.
    expect(calls.filter((anchor) => "after" in anchor).length).toBe(backfillsBefore + 2);
    expect(sentMessages(socket).slice(sendsBefore)).toEqual([{ message: "given up", clientMessageId: givenUp }]);
  });

  it("reports API Gateway's error frame when no message awaits an answer", async () => {
    const { socket, newEvents } = await openedSession();
    socket.receive(gatewayError);
    expect(newEvents().map((event) => event.type)).toEqual(["serverError"]);
  });

  it("sends a message the server limited again after a backoff, before any newer one", async () => {
    const { session, socket, newEvents } = await openedSession();
    const sentTexts = () => sentMessages(socket).map((data) => data.message);
    const first = session.sendMessage("one");
    session.sendMessage("two");
    socket.receive({
      type: "error",
      error: { code: "rate_limited", message: "too many frames; slow down" },
      clientMessageId: first,
    });
    // Held for the backoff (1 s here), not the echo wait, and "two" does not jump ahead.
    await vi.advanceTimersByTimeAsync(999);
    expect(sentTexts()).toEqual(["one"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentMessages(socket).map((data) => data.clientMessageId)).toEqual([first, first]);
    socket.receive({ type: "message", message: message("01", { clientMessageId: first, text: "one" }) });
    expect(sentTexts()).toEqual(["one", "one", "two"]);
    expect(newEvents().filter((event) => event.type === "serverError")).toHaveLength(1);
  });

  it("after `unavailable`, looks in the history first: a message stored all the same is not sent twice", async () => {
    const stored = [message("01")];
    const { session, socket, calls } = await openedSession(stored);
    const sentTexts = () => sentMessages(socket).map((data) => data.message);
    const first = session.sendMessage("one");
    session.sendMessage("two");
    const unavailable = { code: "unavailable", message: "the chat is unavailable right now; try again shortly" };
    socket.receive({ type: "error", error: unavailable, clientMessageId: first });
    // Its write went through; only the answer was lost.
    stored.push(message("02", { clientMessageId: first, text: "one" }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.at(-1)).toEqual({ after: "01" });
    expect(sentTexts()).toEqual(["one", "two"]);

    // Not stored: sent again after the backoff, before newer ones.
    session.sendMessage("three");
    socket.receive({
      type: "error",
      error: unavailable,
      clientMessageId: sentMessages(socket).at(-1)!.clientMessageId,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentTexts()).toEqual(["one", "two", "two"]);
  });

  it("gives up a message the server refused, tells which, and sends the next at once", async () => {
    const { session, socket, newEvents } = await openedSession();
    const first = session.sendMessage("x".repeat(3000));
    session.sendMessage("two");
    socket.receive({
      type: "error",
      error: { code: "invalid_request", message: "message must be at most 2000 characters" },
      clientMessageId: first,
    });
    expect(sentMessages(socket).map((data) => data.message)).toEqual(["x".repeat(3000), "two"]);
    expect(newEvents()).toContainEqual({
      type: "messageRejected",
      clientMessageId: first,
      code: "invalid_request",
      message: "message must be at most 2000 characters",
    });
    // Not sent again after a reconnect either.
    socket.drop();
    await vi.advanceTimersByTimeAsync(1000);
    sockets[1]!.open();
    await vi.advanceTimersByTimeAsync(10);
    expect(sentMessages(sockets[1]!).map((data) => data.message)).toEqual(["two"]);
  });

  it("reports an error that names no message of its own as a server error", async () => {
    const { socket, newEvents } = await openedSession();
    socket.receive({ type: "error", error: { code: "unknown_action", message: "no route" } });
    socket.receive({ type: "error", error: { code: "invalid_request", message: "bad" }, clientMessageId: "not-mine" });
    expect(newEvents().map((event) => event.type)).toEqual(["serverError", "serverError"]);
  });

  it("turns a presence frame into a join or leave event per member, with the final count", async () => {
    const { socket, newEvents } = await openedSession();
    const [ann, bob, cy] = [
      { id: "a", name: "ann" },
      { id: "b", name: "bob" },
      { id: "c", name: "cy" },
    ];
    socket.receive({ type: "presence", joined: [ann], left: [bob, cy], members: 4 });
    expect(newEvents()).toEqual([
      { type: "join", member: ann, members: 4 },
      { type: "leave", member: bob, members: 4 },
      { type: "leave", member: cy, members: 4 },
    ]);
  });

  it("passes a batched presence frame's countedAt on to each join and leave event", async () => {
    const { socket, newEvents } = await openedSession();
    const [ann, bob] = [
      { id: "a", name: "ann" },
      { id: "b", name: "bob" },
    ];
    socket.receive({ type: "presence", joined: [ann], left: [bob], members: 150, countedAt: 1700 });
    socket.receive({ type: "presence", joined: [], left: [], members: 149, countedAt: 1800 });
    expect(newEvents()).toEqual([
      { type: "join", member: ann, members: 150, countedAt: 1700 },
      { type: "leave", member: bob, members: 150, countedAt: 1700 },
      { type: "presenceCount", joined: 0, left: 0, members: 149, countedAt: 1800 },
    ]);
  });

  it("passes a welcome's, join's or leave's countedAt on, and leaves it out where the frame has none", async () => {
    const { socket, newEvents } = await openedSession();
    const [ann, bob] = [
      { id: "a", name: "ann" },
      { id: "b", name: "bob" },
    ];
    socket.receive({ type: "welcome", you: ann, room: { ...room, members: 2 }, members: [ann, bob], countedAt: 1600 });
    socket.receive({ type: "join", member: ann, members: 3, countedAt: 1700 });
    socket.receive({ type: "leave", member: bob, members: 2, countedAt: 1800 });
    socket.receive({ type: "leave", member: ann, members: 1 });
    expect(newEvents()).toEqual([
      { type: "welcome", you: ann, room: { ...room, members: 2 }, members: [ann, bob], countedAt: 1600 },
      { type: "join", member: ann, members: 3, countedAt: 1700 },
      { type: "leave", member: bob, members: 2, countedAt: 1800 },
      { type: "leave", member: ann, members: 1 },
    ]);
  });

  it("turns a presenceCount frame into a presenceCount event", async () => {
    const { socket, newEvents } = await openedSession();
    socket.receive({ type: "presenceCount", joined: 12, left: 3, members: 523, countedAt: 1700 });
    expect(newEvents()).toEqual([{ type: "presenceCount", joined: 12, left: 3, members: 523, countedAt: 1700 }]);
  });

  it("ignores frames that are not in the contract", async () => {
    const { socket, newEvents } = await openedSession();
    socket.onmessage?.({ data: "not json" });
    socket.receive({ type: "message", message: { id: 1 } });
    socket.receive({ type: "surprise" });
    expect(newEvents()).toEqual([]);
  });

  it("stops for good on stop()", async () => {
    const { api } = fakeApi([]);
    const session = startSession(api);
    sockets[0]!.open();
    session.stop();
    await vi.runAllTimersAsync();
    expect(sockets).toHaveLength(1);
    expect(statuses()).not.toContain("reconnecting");
  });
});
