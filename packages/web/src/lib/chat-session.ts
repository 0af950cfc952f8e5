import {
  type GatewayFrame,
  LATE_MESSAGE_WINDOW_MS,
  lateMessagesFrom,
  MAX_FRAME_ANSWER_SECONDS,
  MAX_PAGE_LIMIT,
  type Member,
  type Message,
  type MessagesPage,
  parseGatewayFrame,
  parseServerFrame,
  type Room,
} from "@chat/wire";
import type { ApiClient } from "./api-client";
import { reconnectDelay } from "./backoff";
import { KEEP_ALIVE_MS, KeepAlive } from "./keep-alive";
import { newestMessageId } from "./merge-messages";
import { randomId } from "./random-id";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "not_found";

export type SessionEvent =
  | { type: "status"; status: ConnectionStatus }
  /** The newest page of history, loaded when no message has been seen yet. */
  | { type: "history"; messages: Message[]; olderCursor: string | null }
  /** Live messages and backfilled ones; may repeat messages already seen. */
  | { type: "messages"; messages: Message[] }
  | { type: "welcome"; you: Member; room: Room; members: Member[]; countedAt?: number }
  /**
   * One arrival or departure; `members` is the room's count after it, read at `countedAt` (epoch
   * ms). Notices can arrive out of order, so only the count of the newest `countedAt` should be
   * kept.
   */
  | { type: "join"; member: Member; members: number; countedAt?: number }
  | { type: "leave"; member: Member; members: number; countedAt?: number }
  /** A batch of arrivals and departures in a room too big to name them: the numbers and the count after them. */
  | { type: "presenceCount"; joined: number; left: number; members: number; countedAt: number }
  | { type: "typing"; member: Member }
  | { type: "serverError"; code: string; message: string }
  /** The server refused a message for good (its error named it): it will not be sent again. */
  | { type: "messageRejected"; clientMessageId: string; code: string; message: string }
  /**
   * A message goes out for the first time; `after` is the newest message delivered by then.
   * Stored or not, it is stored after that: keep it with the message to restore (see restore).
   */
  | { type: "sending"; clientMessageId: string; after: string | null };

/** The part of the browser's WebSocket the session uses (lets tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

const SOCKET_OPEN = 1;

export interface ChatSessionOptions {
  wsUrl: string;
  api: ApiClient;
  roomId: string;
  name: string;
  onEvent: (event: SessionEvent) => void;
  createSocket?: (url: string) => SocketLike;
  delayForAttempt?: (attempt: number) => number;
  /**
   * How late a message may be stored after a message with a higher id (wire's
   * LATE_MESSAGE_WINDOW_MS, the default): a backfill reaches back this far, and runs once more
   * this long after each (re)connect. 0: the server stores messages in id order.
   */
  lateMessageWindowMs?: number;
  /** Quiet time on a connection before the session pings to keep it (KEEP_ALIVE_MS by default; 0: never). */
  keepAliveMs?: number;
}

interface OutboxEntry {
  text: string;
  /** The newest message delivered when it first went out (null: none yet); undefined: never sent. */
  sentAfter?: string | null;
  /** Times the server answered it with an error that lets it be sent again. */
  retries: number;
  /** Times it was sent and whether it was stored stayed unknown (see outcomeUnknown). */
  unknownOutcomes: number;
}

/**
 * How long a sent message may go without its echo, an error naming it or API Gateway's own
 * error frame before its outcome counts as unknown (the frame or its answer was lost; see
 * outcomeUnknown). Longer than a frame's answer can take, so an answer that is merely slow is
 * waited for: sending the next message before it could store the two out of order.
 */
export const ECHO_WAIT_MS = (MAX_FRAME_ANSWER_SECONDS + 1) * 1000;

const NO_ANSWER = { code: "no_answer", message: "The server did not answer" };

/** Sends of one message whose outcome stayed unknown before it is given up (see outcomeUnknown). */
const UNKNOWN_OUTCOMES_TO_GIVE_UP = 3;

/** How far back, in pages of MAX_PAGE_LIMIT, the first history load looks for restored messages (see restore). */
const MAX_LOOK_BACK_PAGES = 10;

/** A message written in an earlier page load and never confirmed (see restore). */
export interface UnsentMessage {
  clientMessageId: string;
  text: string;
  /** The `after` of its `sending` event; undefined if it never went out (then it cannot be stored). */
  sentAfter?: string | null;
}

/**
 * Codes of errors the session finds itself, not the server's: API Gateway's error frame came
 * (`gateway_error`), or no answer came in time (`no_answer`).
 */
export const SESSION_ERROR_CODES: ReadonlySet<string> = new Set(["gateway_error", "no_answer"]);

/** Error codes that refuse a frame, not the message it carries: the same message may be sent again later. */
const RETRYABLE_CODES = new Set(["rate_limited", "unavailable"]);

/** A notice's `countedAt` for an event, left out when the frame carried none. */
const stampOf = (countedAt: number | undefined) => (countedAt === undefined ? {} : { countedAt });

/**
 * One person's live connection to a room: connects, says hello, reconnects with backoff after
 * any drop, and after each (re)connect fetches the messages it has not seen (`after=` backfill,
 * or the newest page the first time). Messages sent while offline, or whose echo never came,
 * are sent again once the session is back in sync. Messages go one at a time, each after the
 * echo of the one before: deployed, API Gateway may handle two frames of one connection at
 * once, and messages sent back to back, such as an offline outbox, could be stored in either
 * order. A message the server refused with an error naming it is sent again after a backoff
 * when the error allows it (rate_limited, unavailable), and dropped otherwise. One whose
 * outcome is unknown (API Gateway's error frame, or no answer in ECHO_WAIT_MS) is looked for
 * in the history and sent again if it is not there, three times at most. A connection quiet
 * for KEEP_ALIVE_MS sends a ping, and one silent after it is dropped (keep-alive.ts).
 */
export class ChatSession {
  private socket: SocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failedAttempts = 0;
  private stopped = false;
  /** Every message up to this id is known to have been delivered to onEvent. */
  private syncedUpTo: string | undefined;
  private syncing = false;
  /** A backfill was asked for while one was under way: it runs when that one ends. */
  private syncAgain = false;
  private newestLiveDuringSync: string | undefined;
  private readonly outbox = new Map<string, OutboxEntry>();
  /** Restored messages that went out were sent after this id ("" for none): history is loaded back to it. */
  private lookBackTo: string | undefined;
  /**
   * The message sent on this socket whose echo is awaited (or that waits to be sent again),
   * and the timer that stops the wait. No other message is sent meanwhile.
   */
  private awaitingEcho:
    | {
        clientMessageId: string;
        timer: ReturnType<typeof setTimeout>;
        /** Another frame (typing, hello, ping) went out since: an API Gateway error frame may be its. */
        othersSent?: boolean;
      }
    | undefined;
  /** Closes the current connection and reconnects, not waiting for its close (see outcomeUnknown). */
  private dropConnection: (() => void) | undefined;
  /** The backfill that runs once more a late-message window after a socket's first (see lateCheckAfterSync). */
  private lateCheck: { socket: SocketLike; timer: ReturnType<typeof setTimeout> } | undefined;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly delayForAttempt: (attempt: number) => number;
  private readonly lateWindowMs: number;
  /** The current connection's keep-alive, once it is open. */
  private keepAlive: KeepAlive | undefined;

  constructor(private readonly options: ChatSessionOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.delayForAttempt = options.delayForAttempt ?? ((attempt) => reconnectDelay(attempt));
    this.lateWindowMs = options.lateMessageWindowMs ?? LATE_MESSAGE_WINDOW_MS;
  }

  start(): void {
    this.emit({ type: "status", status: "connecting" });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetryTimer();
    this.stopAwaitingEcho();
    this.clearLateCheck();
    this.stopKeepAlive();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "leaving");
  }

  /** Skips the remaining backoff wait, e.g. when the browser reports it is back online. */
  reconnectNow(): void {
    if (this.stopped || this.retryTimer === null) return;
    this.clearRetryTimer();
    this.connect();
  }

  /**
   * Queues a message for delivery under `clientMessageId` (a new one by default) and returns it.
   * Its `sending` event may come before this returns: the caller shows it as pending first.
   */
  sendMessage(text: string, clientMessageId: string = randomId()): string {
    this.outbox.set(clientMessageId, newOutboxEntry(text));
    this.sendNext();
    return clientMessageId;
  }

  /**
   * Queues messages an earlier page load wrote and never saw confirmed; call before start().
   * One that went out may have been stored before the reload, so the first history load
   * reaches back to where it was sent: one found there is not sent again.
   */
  restore(messages: readonly UnsentMessage[]): void {
    for (const { clientMessageId, text, sentAfter } of messages) {
      if (this.outbox.has(clientMessageId)) continue;
      this.outbox.set(clientMessageId, newOutboxEntry(text, sentAfter));
      if (sentAfter === undefined) continue;
      const after = sentAfter ?? "";
      if (this.lookBackTo === undefined || after < this.lookBackTo) this.lookBackTo = after;
    }
  }

  /**
   * Queues again, after any message still queued, a message that was given up (messageRejected),
   * under the same clientMessageId. A give-up can follow a try that stored the message all the
   * same, so the history is looked at first: a message found there is not sent twice.
   */
  retry(clientMessageId: string, text: string): void {
    if (this.stopped || this.outbox.has(clientMessageId)) return;
    this.outbox.set(clientMessageId, newOutboxEntry(text));
    const socket = this.socket;
    // Without an open socket, the next connect synchronizes.
    if (socket?.readyState === SOCKET_OPEN) void this.synchronize(socket);
  }

  sendTyping(): void {
    this.sendFrame({ action: "typing" });
  }

  private connect(): void {
    const url = new URL(this.options.wsUrl);
    url.searchParams.set("roomId", this.options.roomId);
    url.searchParams.set("name", this.options.name);
    const socket = this.createSocket(url.toString());
    this.socket = socket;
    let opened = false;

    socket.onopen = () => {
      if (socket !== this.socket) return;
      opened = true;
      this.failedAttempts = 0;
      this.emit({ type: "status", status: "connected" });
      this.keepAlive = this.keepAliveFor(socket);
      this.sendFrame({ action: "hello" });
      void this.synchronize(socket);
    };
    socket.onmessage = (event) => {
      if (socket === this.socket && typeof event.data === "string") this.handleFrame(event.data);
    };
    const closed = () => {
      if (socket !== this.socket || this.stopped) return;
      this.socket = null;
      this.syncing = false;
      this.syncAgain = false;
      this.stopAwaitingEcho();
      this.clearLateCheck();
      this.stopKeepAlive();
      if (opened) this.scheduleReconnect();
      else void this.handleRefusedConnect();
    };
    // Browsers follow an error with a close event, where reconnecting is decided. Node's
    // WebSocket (undici) fires no close after a refused handshake, so a socket that never
    // opened counts as closed at its error; the close, if it comes, is then ignored.
    socket.onerror = () => {
      if (!opened) closed();
    };
    socket.onclose = closed;
    // Taken for closed at once: the close of a dead connection may not come for minutes.
    this.dropConnection = () => {
      socket.close(4000, "no answer");
      closed();
    };
  }

  /** A browser cannot see why a handshake failed, so ask the HTTP API whether the room exists. */
  private async handleRefusedConnect(): Promise<void> {
    try {
      const room = await this.options.api.getRoom(this.options.roomId);
      if (room === null && !this.stopped) {
        this.stopped = true;
        this.emit({ type: "status", status: "not_found" });
        return;
      }
    } catch {
      // The API is unreachable too (e.g. the server is restarting): keep retrying.
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.emit({ type: "status", status: "reconnecting" });
    const delay = this.delayForAttempt(this.failedAttempts);
    this.failedAttempts += 1;
    this.clearRetryTimer();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private clearRetryTimer(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private handleFrame(data: string): void {
    this.keepAlive?.heard();
    const frame = parseServerFrame(data);
    if (!frame) {
      const gatewayFrame = parseGatewayFrame(data);
      if (gatewayFrame) this.handleGatewayFrame(gatewayFrame);
      return;
    }
    switch (frame.type) {
      case "message":
        this.acceptMessages([frame.message], "live");
        return;
      case "welcome":
        this.emit({
          type: "welcome",
          you: frame.you,
          room: frame.room,
          members: frame.members,
          ...stampOf(frame.countedAt),
        });
        return;
      case "join":
      case "leave":
        this.emit({
          type: frame.type,
          member: frame.member,
          members: frame.members,
          ...stampOf(frame.countedAt),
        });
        return;
      case "presence": {
        const { members, countedAt } = frame;
        const counted = stampOf(countedAt);
        for (const member of frame.joined) this.emit({ type: "join", member, members, ...counted });
        for (const member of frame.left) this.emit({ type: "leave", member, members, ...counted });
        // A batch naming no one still carries a count.
        if (frame.joined.length === 0 && frame.left.length === 0 && countedAt !== undefined) {
          this.emit({ type: "presenceCount", joined: 0, left: 0, members, countedAt });
        }
        return;
      }
      case "presenceCount":
        this.emit({
          type: "presenceCount",
          joined: frame.joined,
          left: frame.left,
          members: frame.members,
          countedAt: frame.countedAt,
        });
        return;
      case "typing":
        this.emit({ type: "typing", member: frame.member });
        return;
      case "pong":
        this.keepAlive?.takePingAnswer();
        return;
      case "error":
        this.handleError(frame.error, frame.clientMessageId);
        return;
    }
  }

  private handleError(error: { code: string; message: string }, clientMessageId: string | undefined): void {
    const entry = clientMessageId === undefined ? undefined : this.outbox.get(clientMessageId);
    if (clientMessageId === undefined && this.keepAlive?.takePingAnswer()) return; // the keep-alive's ping refused: nothing the person did
    if (clientMessageId === undefined || !entry) {
      this.emit({ type: "serverError", code: error.code, message: error.message });
      return;
    }
    const answersAwaited = this.awaitingEcho?.clientMessageId === clientMessageId;
    if (answersAwaited) this.stopAwaitingEcho();
    if (RETRYABLE_CODES.has(error.code)) {
      // Sent again before any newer message: the outbox keeps the order messages were written in.
      entry.retries += 1;
      if (answersAwaited) {
        // After `unavailable` the message may have been stored all the same (DynamoDB's answer
        // to the write lost, say): the history is looked at before it is sent again.
        const then = error.code === "unavailable" ? this.resynchronizeOn(this.socket) : () => this.sendNext();
        this.holdFor(clientMessageId, this.delayForAttempt(entry.retries - 1), then);
      }
      this.emit({ type: "serverError", code: error.code, message: error.message });
    } else {
      this.outbox.delete(clientMessageId);
      this.emit({ type: "messageRejected", clientMessageId, code: error.code, message: error.message });
      if (answersAwaited) this.sendNext();
    }
  }

  /**
   * A handler failed or timed out, and API Gateway answered for it. The frame does not say
   * which frame it answers; it is taken to answer the awaited message only when no other frame
   * went out since. Otherwise it may be a typing frame's, while the message is still being
   * handled and may yet be stored: the wait goes on, and only its end (ECHO_WAIT_MS, past
   * any handler's run) makes the outcome unknown.
   */
  private handleGatewayFrame(frame: GatewayFrame): void {
    const message = `The server failed: ${frame.message}`;
    const awaited = this.awaitingEcho?.othersSent ? undefined : this.awaitingEcho?.clientMessageId;
    if (awaited === undefined || !this.outbox.has(awaited)) {
      if (this.keepAlive?.takePingAnswer()) return; // likely the keep-alive's ping
      this.emit({ type: "serverError", code: "gateway_error", message });
      return;
    }
    this.stopAwaitingEcho();
    this.outcomeUnknown(awaited, { code: "gateway_error", message });
  }

  /**
   * Whether a sent message was stored is unknown: API Gateway's error frame answered it, or
   * nothing did within ECHO_WAIT_MS. After a backoff the session fetches what came after the
   * last message it has, and sends the message again only if it is not there, before any newer
   * one. A message that meets UNKNOWN_OUTCOMES_TO_GIVE_UP of these is given up (it may be what
   * fails the handler).
   */
  private outcomeUnknown(clientMessageId: string, error: { code: string; message: string }): void {
    const entry = this.outbox.get(clientMessageId);
    if (!entry) {
      this.sendNext();
      return;
    }
    entry.unknownOutcomes += 1;
    if (entry.unknownOutcomes >= UNKNOWN_OUTCOMES_TO_GIVE_UP) {
      this.outbox.delete(clientMessageId);
      this.emit({ type: "messageRejected", clientMessageId, ...error });
      this.sendNext();
      return;
    }
    this.emit({ type: "serverError", ...error });
    if (error.code === NO_ANSWER.code) {
      // API Gateway answers every frame within 29 s: no answer at all means the connection is
      // dead without a word (a network that changed, a NAT that forgot it). A new one, whose
      // backfill tells whether the message was stored, sends it again.
      this.dropConnection?.();
      return;
    }
    this.holdFor(clientMessageId, this.delayForAttempt(entry.unknownOutcomes - 1), this.resynchronizeOn(this.socket));
  }

  /** Fetches what came after the last message seen, then sends the outbox on (synchronize), if `socket` is still the one. */
  private resynchronizeOn(socket: SocketLike | null): () => void {
    return () => {
      if (socket && socket === this.socket) void this.synchronize(socket);
    };
  }

  private acceptMessages(messages: Message[], source: "live" | "fetched"): void {
    if (messages.length === 0) return;
    for (const message of messages) {
      if (message.clientMessageId) this.outbox.delete(message.clientMessageId);
    }
    if (this.awaitingEcho && !this.outbox.has(this.awaitingEcho.clientMessageId)) {
      this.stopAwaitingEcho();
      this.sendNext();
    }
    const newest = newestMessageId(messages);
    if (source === "live" && this.syncing) this.newestLiveDuringSync = maxId(this.newestLiveDuringSync, newest);
    else this.syncedUpTo = maxId(this.syncedUpTo, newest);
    this.emit({ type: "messages", messages });
  }

  /** Fetches what this client missed; only then is it safe to advance past live messages. */
  private async synchronize(socket: SocketLike): Promise<void> {
    // One at a time: a second, run beside the first, could let the first's end send the outbox
    // before the second has looked for what it was asked to look for.
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    this.newestLiveDuringSync = undefined;
    const { api, roomId } = this.options;
    try {
      if (this.syncedUpTo === undefined) {
        const page = await this.newestHistory(socket);
        if (!page) return;
        this.syncedUpTo = maxId(this.syncedUpTo, newestMessageId(page.messages));
        for (const message of page.messages) {
          if (message.clientMessageId) this.outbox.delete(message.clientMessageId);
        }
        this.emit({ type: "history", messages: page.messages, olderCursor: page.cursor });
      } else {
        // Back by the late-message window: a message with a lower id than the newest seen may
        // have been stored since (ids sort by acceptance, not storage). Those seen come again and
        // are merged by id.
        let after: string | null =
          this.lateWindowMs > 0 ? lateMessagesFrom(this.syncedUpTo, this.lateWindowMs) : this.syncedUpTo;
        while (after !== null) {
          const page = await api.listMessages(roomId, { after }, MAX_PAGE_LIMIT);
          if (socket !== this.socket) return;
          this.acceptMessages(page.messages, "fetched");
          after = page.cursor;
        }
      }
    } catch {
      // The socket usually dropped as well; the next connect synchronizes again. If it did not,
      // close it so that it does.
      if (socket === this.socket) socket.close(4000, "sync failed");
      return;
    } finally {
      if (socket === this.socket) this.syncing = false;
    }
    this.syncedUpTo = maxId(this.syncedUpTo, this.newestLiveDuringSync);
    this.lateCheckAfterSync(socket);
    if (this.syncAgain) {
      this.syncAgain = false;
      void this.synchronize(socket);
      return;
    }
    this.sendNext();
  }

  /**
   * Backfills once more a late-message window after the first backfill on `socket`: a message
   * accepted before this client joined (so not sent to it) may be stored after that backfill.
   */
  private lateCheckAfterSync(socket: SocketLike): void {
    if (this.lateWindowMs === 0 || this.lateCheck?.socket === socket) return;
    this.clearLateCheck();
    const timer = setTimeout(() => this.resynchronizeOn(socket)(), this.lateWindowMs);
    this.lateCheck = { socket, timer };
  }

  private clearLateCheck(): void {
    if (this.lateCheck) clearTimeout(this.lateCheck.timer);
    this.lateCheck = undefined;
  }

  /**
   * The newest page of history, with older pages before it back to where restored messages
   * were first sent (MAX_LOOK_BACK_PAGES at most); undefined if `socket` is no longer the one.
   */
  private async newestHistory(socket: SocketLike): Promise<MessagesPage | undefined> {
    const { api, roomId } = this.options;
    const newest = await api.listMessages(roomId);
    const messages = [...newest.messages];
    let cursor = newest.cursor;
    for (let pages = 0; pages < MAX_LOOK_BACK_PAGES; pages++) {
      if (socket !== this.socket) return undefined;
      if (this.lookBackTo === undefined || cursor === null || cursor <= this.lookBackTo) break;
      const older = await api.listMessages(roomId, { before: cursor }, MAX_PAGE_LIMIT);
      messages.unshift(...older.messages);
      cursor = older.cursor;
    }
    if (socket !== this.socket) return undefined;
    this.lookBackTo = undefined;
    return { messages, cursor };
  }

  /**
   * Sends the oldest message in the outbox, unless one is awaiting its echo or held. A message
   * leaves the outbox only when it is known stored (its echo, or found by a backfill) or given up.
   */
  private sendNext(): void {
    if (this.syncing || this.awaitingEcho) return;
    const oldest = this.outbox.entries().next();
    if (oldest.done) return;
    const [clientMessageId, entry] = oldest.value;
    if (!this.sendFrame({ action: "sendMessage", data: { message: entry.text, clientMessageId } })) return;
    if (entry.sentAfter === undefined) {
      entry.sentAfter = this.syncedUpTo ?? null;
      this.emit({ type: "sending", clientMessageId, after: entry.sentAfter });
    }
    const held = this.holdFor(clientMessageId, ECHO_WAIT_MS, () => this.outcomeUnknown(clientMessageId, NO_ANSWER));
    // A ping sent before it and still unanswered: API Gateway's error frame may be the ping's.
    if (this.keepAlive?.pingPending) held.othersSent = true;
  }

  /** Holds the outbox on `clientMessageId` for `ms` (its echo ends the hold early), then runs `then`. */
  private holdFor(clientMessageId: string, ms: number, then: () => void) {
    const timer = setTimeout(() => {
      this.awaitingEcho = undefined;
      then();
    }, ms);
    const held: NonNullable<ChatSession["awaitingEcho"]> = { clientMessageId, timer };
    this.awaitingEcho = held;
    return held;
  }

  private stopAwaitingEcho(): void {
    if (this.awaitingEcho) clearTimeout(this.awaitingEcho.timer);
    this.awaitingEcho = undefined;
  }

  private sendFrame(frame: object): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== SOCKET_OPEN) return false;
    socket.send(JSON.stringify(frame));
    if (this.awaitingEcho) this.awaitingEcho.othersSent = true;
    this.keepAlive?.sent();
    return true;
  }

  private keepAliveFor(socket: SocketLike): KeepAlive | undefined {
    const idleMs = this.options.keepAliveMs ?? KEEP_ALIVE_MS;
    if (idleMs === 0) return undefined;
    return new KeepAlive({
      idleMs,
      answerMs: ECHO_WAIT_MS,
      sendPing: () => socket === this.socket && this.sendFrame({ action: "ping" }),
      dead: () => {
        if (socket === this.socket) this.dropConnection?.();
      },
    });
  }

  private stopKeepAlive(): void {
    this.keepAlive?.stop();
    this.keepAlive = undefined;
  }

  private emit(event: SessionEvent): void {
    this.options.onEvent(event);
  }
}

function newOutboxEntry(text: string, sentAfter?: string | null): OutboxEntry {
  return { text, retries: 0, unknownOutcomes: 0, ...(sentAfter !== undefined && { sentAfter }) };
}

function maxId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
