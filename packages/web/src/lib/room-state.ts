import { type ConnectionStatus, SESSION_ERROR_CODES, type SessionEvent } from "./chat-session";
import { mergeMessages, newestMessageId } from "./merge-messages";
import type { Member, Message, Room } from "./schemas";
import { withIds } from "./your-ids";

export const TYPING_VISIBLE_MS = 4_000;
const MAX_NOTICES = 100;
// A leave and a join of one name this close together are a reload or a reconnect, not news.
const REJOIN_WITHIN_MS = 15_000;

export interface PendingMessage {
  clientMessageId: string;
  text: string;
  createdAt: string;
  /** Where it was first sent (the session's `sending` event; see ChatSession.restore); absent: never sent. */
  sentAfter?: string | null;
  /** Why the message was given up (messageRejected): it stays shown, to be retried or discarded. */
  failed?: string;
}

export interface Notice {
  key: string;
  kind: "join" | "leave";
  name: string;
  /** Shown right after this message (undefined: before all messages). */
  afterMessageId: string | undefined;
  /** When it came (epoch ms). */
  at: number;
}

export interface RoomState {
  status: ConnectionStatus;
  room: Room | null;
  you: Member | null;
  /** Every member id this tab has had in the room, `you`'s last: messages by any of them are yours. */
  yourIds: string[];
  /** Who is present, by name (a huge room sends counts only, so this may hold fewer than memberCount). */
  members: Member[];
  /** How many are present: from welcome, then from each presence notice; null before welcome. */
  memberCount: number | null;
  /** The newest `countedAt` whose count was applied: a batch counted before it no longer changes memberCount. */
  memberCountedAt: number | null;
  messages: Message[];
  pending: PendingMessage[];
  /** The messages an earlier page load left unsent were put back (until then, none are saved). */
  pendingRestored: boolean;
  notices: Notice[];
  /** Who is typing, by member id, and until when (epoch ms) to show it. */
  typing: Record<string, { name: string; until: number }>;
  /** `before=` cursor for the next older page; null when there is none. */
  olderCursor: string | null;
  historyLoaded: boolean;
  /** The last error, as a sentence (the server's error frame, or one the session found), until dismissed. */
  serverError: string | null;
  /** The page is not being looked at (another tab, minimized). */
  hidden: boolean;
  /** Messages from others that arrived while hidden (shown in the tab's title). */
  unread: number;
  /**
   * The first of the messages from others that arrived while the page was last hidden: a "New"
   * line is shown above it, and stays once the page is looked at, until you send a message.
   */
  unreadFrom: string | null;
  /** The newest message shown on this browser's last visit (last-read.ts): the first history marks what came since. */
  lastReadBefore: string | null;
}

export type RoomAction =
  | (SessionEvent & { receivedAt: number })
  | { type: "pending"; pending: PendingMessage }
  /** The newest message this browser showed on its last visit to the room (last-read.ts). */
  | { type: "restoreLastRead"; messageId: string | null }
  /** The member ids earlier page loads of this tab had in the room (your-ids.ts). */
  | { type: "restoreYourIds"; ids: string[] }
  /** What an earlier page load left unsent, put back before anything written since. */
  | { type: "restorePending"; pending: PendingMessage[] }
  /** A given-up message sent again: pending once more, after the others (it is queued after them). */
  | { type: "retryPending"; clientMessageId: string }
  | { type: "discardPending"; clientMessageId: string }
  | { type: "olderPage"; messages: Message[]; cursor: string | null }
  | { type: "typingExpired"; now: number }
  | { type: "dismissServerError" }
  | { type: "visibility"; hidden: boolean };

export const initialRoomState: RoomState = {
  status: "connecting",
  room: null,
  you: null,
  yourIds: [],
  members: [],
  memberCount: null,
  memberCountedAt: null,
  messages: [],
  pending: [],
  pendingRestored: false,
  notices: [],
  typing: {},
  olderCursor: null,
  historyLoaded: false,
  serverError: null,
  hidden: false,
  unread: 0,
  unreadFrom: null,
  lastReadBefore: null,
};

function withMessages(state: RoomState, incoming: Message[]): RoomState {
  const echoed = new Set(incoming.map((message) => message.clientMessageId).filter(Boolean));
  const authors = new Set(incoming.map((message) => message.author.id));
  const typing = Object.fromEntries(Object.entries(state.typing).filter(([memberId]) => !authors.has(memberId)));
  return {
    ...state,
    messages: mergeMessages(state.messages, incoming),
    pending: state.pending.filter((pending) => !echoed.has(pending.clientMessageId)),
    typing,
  };
}

function withNotice(state: RoomState, kind: Notice["kind"], member: Member, receivedAt: number): RoomState {
  const notice: Notice = {
    key: `${kind}-${member.id}-${receivedAt}-${state.notices.length}`,
    kind,
    name: member.name,
    afterMessageId: newestMessageId(state.messages),
    at: receivedAt,
  };
  return { ...state, notices: [...state.notices, notice].slice(-MAX_NOTICES) };
}

/**
 * A page reload, a reconnect or a tab's second connection under the same name is a leave and a
 * join, in either order: neither is told. A join takes back the leave of its name told just
 * before (with no message between); a leave is not told while someone of that name is present,
 * nor a join of someone listed already.
 */
function withJoinNotice(state: RoomState, member: Member, receivedAt: number, nameHere: boolean): RoomState {
  if (nameHere) return state;
  const newest = newestMessageId(state.messages);
  const rejoined = state.notices.findLastIndex(
    (notice) =>
      notice.kind === "leave" &&
      notice.name === member.name &&
      notice.afterMessageId === newest &&
      receivedAt - notice.at <= REJOIN_WITHIN_MS,
  );
  if (rejoined === -1) return withNotice(state, "join", member, receivedAt);
  return { ...state, notices: state.notices.filter((_, index) => index !== rejoined) };
}

function withLeaveNotice(state: RoomState, member: Member, receivedAt: number): RoomState {
  if (state.members.some((present) => present.name === member.name)) return state;
  return withNotice(state, "leave", member, receivedAt);
}

/**
 * Takes a notice's count, unless it was counted before the newest count already applied (batches
 * can arrive out of order). Notices without `countedAt` (from a server before it stamped every count) always apply.
 */
function withCount(state: RoomState, members: number, countedAt: number | undefined): RoomState {
  if (countedAt === undefined) return { ...state, memberCount: members };
  if (state.memberCountedAt !== null && countedAt < state.memberCountedAt) return state;
  return { ...state, memberCount: members, memberCountedAt: countedAt };
}

function withoutTyping(typing: RoomState["typing"], memberId: string): RoomState["typing"] {
  const { [memberId]: _removed, ...rest } = typing;
  return rest;
}

/**
 * `next` with the live or backfilled messages from others that are new to `state` counted, while
 * hidden; the first of them starts the "New" line.
 */
function withUnread(state: RoomState, next: RoomState, incoming: readonly Message[]): RoomState {
  if (!state.hidden) return next;
  const known = new Set(state.messages.map((message) => message.id));
  const fresh = new Set(
    incoming.filter((message) => !known.has(message.id) && !isYours(state, message)).map((m) => m.id),
  );
  if (fresh.size === 0) return next;
  const unreadFrom = state.unread === 0 ? ([...fresh].sort()[0] ?? null) : state.unreadFrom;
  return { ...next, unread: state.unread + fresh.size, unreadFrom };
}

/**
 * The first message from others after the one last shown on the previous visit, where that one
 * is among the messages loaded (further back, where the new ones start is not known).
 */
function firstSinceLastVisit(state: RoomState): string | null {
  const lastRead = state.lastReadBefore;
  if (lastRead === null || !state.messages.some((message) => message.id === lastRead)) return null;
  return state.messages.find((message) => message.id > lastRead && !isYours(state, message))?.id ?? null;
}

/** Whether `message` was written by this tab, under its present connection or an earlier one. */
export function isYours(state: Pick<RoomState, "yourIds">, message: Message): boolean {
  return state.yourIds.includes(message.author.id);
}

/** The error line's text: the server's own words, quoted as such; what the session found, as it is. */
function errorLine(code: string, message: string): string {
  return SESSION_ERROR_CODES.has(code) ? message : `The server said: ${message}`;
}

/** `state` with the pending message `clientMessageId` replaced by `change` of it. */
function withPendingChanged(
  state: RoomState,
  clientMessageId: string,
  change: (pending: PendingMessage) => PendingMessage,
): RoomState {
  return {
    ...state,
    pending: state.pending.map((pending) => (pending.clientMessageId === clientMessageId ? change(pending) : pending)),
  };
}

function withoutPending(state: RoomState, clientMessageId: string): RoomState {
  return { ...state, pending: state.pending.filter((pending) => pending.clientMessageId !== clientMessageId) };
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case "status":
      return { ...state, status: action.status };
    case "history": {
      const merged = withMessages(state, action.messages);
      // A newest page again (a reconnect before any message was seen): where older pages start,
      // if the log had none; else it keeps its own.
      if (state.historyLoaded) {
        return state.messages.length === 0 ? { ...merged, olderCursor: action.olderCursor } : merged;
      }
      const unreadFrom = state.unreadFrom ?? firstSinceLastVisit(merged);
      return { ...merged, olderCursor: action.olderCursor, historyLoaded: true, unreadFrom };
    }
    case "messages":
      return withUnread(state, withMessages(state, action.messages), action.messages);
    case "olderPage":
      return { ...withMessages(state, action.messages), olderCursor: action.cursor };
    case "pending":
      return { ...state, pending: [...state.pending, action.pending], unreadFrom: null };
    case "restoreLastRead":
      return { ...state, lastReadBefore: action.messageId };
    case "restoreYourIds":
      return { ...state, yourIds: withIds(action.ids, state.yourIds) };
    case "welcome":
      // Its count, unless a notice counted later was applied already; a notice counted before it no longer applies.
      return withCount(
        {
          ...state,
          you: action.you,
          yourIds: withIds(state.yourIds, [action.you.id]),
          room: action.room,
          members: action.members,
        },
        action.room.members,
        action.countedAt,
      );
    case "join": {
      const listed = state.members.some((member) => member.id === action.member.id);
      // Listed already, or someone of that name is: a reconnect, not news (a listed member has the name too).
      const nameHere = state.members.some((member) => member.name === action.member.name);
      const members = listed ? state.members : [...state.members, action.member];
      const counted = withCount({ ...state, members }, action.members, action.countedAt);
      return withJoinNotice(counted, action.member, action.receivedAt, nameHere);
    }
    case "leave": {
      const remaining = {
        ...state,
        members: state.members.filter((member) => member.id !== action.member.id),
        typing: withoutTyping(state.typing, action.member.id),
      };
      return withLeaveNotice(withCount(remaining, action.members, action.countedAt), action.member, action.receivedAt);
    }
    case "presenceCount":
      // Names are not sent in a room this big, and a notice per batch would flood the log: the count only.
      return withCount(state, action.members, action.countedAt);
    case "typing":
      if (action.member.id === state.you?.id) return state;
      return {
        ...state,
        typing: {
          ...state.typing,
          [action.member.id]: { name: action.member.name, until: action.receivedAt + TYPING_VISIBLE_MS },
        },
      };
    case "typingExpired":
      return {
        ...state,
        typing: Object.fromEntries(Object.entries(state.typing).filter(([, entry]) => entry.until > action.now)),
      };
    case "serverError":
      return { ...state, serverError: errorLine(action.code, action.message) };
    case "sending":
      // The first send's anchor stays: a retry goes out later, and the earlier one covers both.
      return withPendingChanged(state, action.clientMessageId, (pending) =>
        pending.sentAfter === undefined ? { ...pending, sentAfter: action.after } : pending,
      );
    case "messageRejected":
      return {
        ...withPendingChanged(state, action.clientMessageId, (pending) => ({ ...pending, failed: action.message })),
        serverError: `A message was not sent. ${errorLine(action.code, action.message)}`,
      };
    case "restorePending": {
      const known = new Set(state.pending.map((pending) => pending.clientMessageId));
      const restored = action.pending.filter((pending) => !known.has(pending.clientMessageId));
      return { ...state, pending: [...restored, ...state.pending], pendingRestored: true };
    }
    case "retryPending": {
      const retried = state.pending.find((pending) => pending.clientMessageId === action.clientMessageId);
      if (!retried) return state;
      const { failed: _failed, ...again } = retried;
      const others = withoutPending(state, action.clientMessageId);
      return { ...others, pending: [...others.pending, again] };
    }
    case "discardPending":
      return withoutPending(state, action.clientMessageId);
    case "dismissServerError":
      return { ...state, serverError: null };
    case "visibility":
      return { ...state, hidden: action.hidden, unread: action.hidden ? state.unread : 0 };
  }
}
