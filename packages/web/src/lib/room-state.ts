import type { ConnectionStatus, SessionEvent } from "./chat-session";
import { mergeMessages, newestMessageId } from "./merge-messages";
import type { Member, Message, Room } from "./schemas";

export const TYPING_VISIBLE_MS = 4_000;
const MAX_NOTICES = 100;

export interface PendingMessage {
  clientMessageId: string;
  text: string;
  createdAt: string;
}

export interface Notice {
  key: string;
  kind: "join" | "leave";
  name: string;
  /** Shown right after this message (undefined: before all messages). */
  afterMessageId: string | undefined;
}

export interface RoomState {
  status: ConnectionStatus;
  room: Room | null;
  you: Member | null;
  members: Member[];
  messages: Message[];
  pending: PendingMessage[];
  notices: Notice[];
  /** Who is typing, by member id, and until when (epoch ms) to show it. */
  typing: Record<string, { name: string; until: number }>;
  /** `before=` cursor for the next older page; null when there is none. */
  olderCursor: string | null;
  historyLoaded: boolean;
  /** The last error frame from the server (e.g. rate_limited), until dismissed. */
  serverError: string | null;
}

export type RoomAction =
  | (SessionEvent & { receivedAt: number })
  | { type: "pending"; pending: PendingMessage }
  | { type: "olderPage"; messages: Message[]; cursor: string | null }
  | { type: "typingExpired"; now: number }
  | { type: "dismissServerError" };

export const initialRoomState: RoomState = {
  status: "connecting",
  room: null,
  you: null,
  members: [],
  messages: [],
  pending: [],
  notices: [],
  typing: {},
  olderCursor: null,
  historyLoaded: false,
  serverError: null,
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
  };
  return { ...state, notices: [...state.notices, notice].slice(-MAX_NOTICES) };
}

function withoutTyping(typing: RoomState["typing"], memberId: string): RoomState["typing"] {
  const { [memberId]: _removed, ...rest } = typing;
  return rest;
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case "status":
      return { ...state, status: action.status };
    case "history": {
      const merged = withMessages(state, action.messages);
      return state.historyLoaded ? merged : { ...merged, olderCursor: action.olderCursor, historyLoaded: true };
    }
    case "messages":
      return withMessages(state, action.messages);
    case "olderPage":
      return { ...withMessages(state, action.messages), olderCursor: action.cursor };
    case "pending":
      return { ...state, pending: [...state.pending, action.pending] };
    case "welcome":
      return { ...state, you: action.you, room: action.room, members: action.members };
    case "join": {
      const members = state.members.some((member) => member.id === action.member.id)
        ? state.members
        : [...state.members, action.member];
      return withNotice({ ...state, members }, "join", action.member, action.receivedAt);
    }
    case "leave":
      return withNotice(
        {
          ...state,
          members: state.members.filter((member) => member.id !== action.member.id),
          typing: withoutTyping(state.typing, action.member.id),
        },
        "leave",
        action.member,
        action.receivedAt,
      );
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
      return { ...state, serverError: action.message };
    case "dismissServerError":
      return { ...state, serverError: null };
  }
}
