import * as v from "valibot";
import { ClientMessageId, MessageText } from "./text";

/*
 * The shapes the server sends (docs/api.md). They check structure, not content:
 * names, texts and ids are plain strings here, so a client keeps accepting what
 * the server stored under earlier rules. The content rules are for what a client
 * sends (./text, ./ids).
 */

export const Member = v.object({
  id: v.string(),
  name: v.string(),
});
export type Member = v.InferOutput<typeof Member>;

export const Room = v.object({
  id: v.string(),
  name: v.string(),
  createdAt: v.string(),
  members: v.number(),
});
export type Room = v.InferOutput<typeof Room>;

export const Message = v.object({
  id: v.string(),
  roomId: v.string(),
  text: v.string(),
  author: Member,
  sentAt: v.string(),
  clientMessageId: v.optional(v.string()),
});
export type Message = v.InferOutput<typeof Message>;

/** Where the next page starts, or null on the last page. */
const Cursor = v.nullable(v.string());

/** `POST /rooms` (201) and `GET /rooms/{roomId}`. */
export const RoomResponse = v.object({ room: Room });
export type RoomResponse = v.InferOutput<typeof RoomResponse>;
/** `GET /rooms`. */
export const RoomsPage = v.object({ rooms: v.array(Room), cursor: Cursor });
export type RoomsPage = v.InferOutput<typeof RoomsPage>;
/** `GET /rooms/{roomId}/messages`. */
export const MessagesPage = v.object({ messages: v.array(Message), cursor: Cursor });
export type MessagesPage = v.InferOutput<typeof MessagesPage>;

export const ErrorDetail = v.object({ code: v.string(), message: v.string() });
export type ErrorDetail = v.InferOutput<typeof ErrorDetail>;
/** The body of every HTTP error the handlers produce. */
export const ErrorBody = v.object({ error: ErrorDetail });
export type ErrorBody = v.InferOutput<typeof ErrorBody>;

// Server frames (docs/api.md, "Server frames").
export const MessageFrame = v.object({ type: v.literal("message"), message: Message });
/**
 * One arrival or departure, with the room's count read after it. Joins and leaves that happen
 * at once are counted, and their frames posted, side by side, so they can arrive out of
 * order: `countedAt` (epoch ms, taken before the count was read) lets a client keep the newest
 * count. A departure found by a delivery (a gone connection) is counted and stamped the same way.
 */
export const JoinFrame = v.object({
  type: v.literal("join"),
  member: Member,
  members: v.number(),
  countedAt: v.optional(v.number()),
});
export const LeaveFrame = v.object({
  type: v.literal("leave"),
  member: Member,
  members: v.number(),
  countedAt: v.optional(v.number()),
});
/**
 * Several joins or leaves at once; `members` is the count after all of them.
 * Batched notices (rooms above the batching size) say when they counted
 * (`countedAt`, epoch ms): a client keeps the newest count, as batches can
 * arrive out of order.
 */
export const PresenceFrame = v.object({
  type: v.literal("presence"),
  joined: v.array(Member),
  left: v.array(Member),
  members: v.number(),
  countedAt: v.optional(v.number()),
});
/** Batched notices in a room too big to name everyone: how many joined and left, and the count after them. */
export const PresenceCountFrame = v.object({
  type: v.literal("presenceCount"),
  joined: v.number(),
  left: v.number(),
  members: v.number(),
  countedAt: v.number(),
});
export const TypingFrame = v.object({ type: v.literal("typing"), member: Member });
/** Answers `hello`; `countedAt` (epoch ms) is when the room and its members were read, as for join and leave. */
export const WelcomeFrame = v.object({
  type: v.literal("welcome"),
  you: Member,
  room: Room,
  members: v.array(Member),
  countedAt: v.optional(v.number()),
});
/** Answers `ping`: the connection is alive and still known to the server. */
export const PongFrame = v.object({ type: v.literal("pong") });
/**
 * Answers a rejected frame. A rejected `sendMessage` that carried a well-formed
 * `clientMessageId` names it, so a client knows which message was not stored.
 */
export const ErrorFrame = v.object({
  type: v.literal("error"),
  error: ErrorDetail,
  clientMessageId: v.optional(v.string()),
});

/** Frames the server sends to a client. */
export const ServerFrame = v.variant("type", [
  MessageFrame,
  JoinFrame,
  LeaveFrame,
  PresenceFrame,
  PresenceCountFrame,
  TypingFrame,
  WelcomeFrame,
  PongFrame,
  ErrorFrame,
]);
export type ServerFrame = v.InferOutput<typeof ServerFrame>;

/**
 * API Gateway's own frame, sent instead of a handler's answer when the handler could not run
 * or failed (`"Internal server error"`: it threw, crashed or timed out; `"Forbidden"`: no route
 * matched). Not one of ours: it has no `type`, and it does not say which frame it answers.
 */
export const GatewayFrame = v.object({
  message: v.string(),
  connectionId: v.optional(v.string()),
  requestId: v.optional(v.string()),
});
export type GatewayFrame = v.InferOutput<typeof GatewayFrame>;

function parseJsonFrame<Schema extends v.GenericSchema>(
  schema: Schema,
  data: string,
): v.InferOutput<Schema> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const result = v.safeParse(schema, json);
  return result.success ? result.output : undefined;
}

/** Parses one text frame; anything not in the contract (or not JSON) yields undefined. */
export const parseServerFrame = (data: string): ServerFrame | undefined => parseJsonFrame(ServerFrame, data);

/** Parses one of API Gateway's own frames (GatewayFrame); anything else yields undefined. */
export const parseGatewayFrame = (data: string): GatewayFrame | undefined => parseJsonFrame(GatewayFrame, data);

// Client frames (docs/api.md, "Client frames").
export const SendMessageData = v.object(
  {
    message: MessageText,
    clientMessageId: v.optional(ClientMessageId),
  },
  "data must be an object with a string message",
);
export type SendMessageData = v.InferOutput<typeof SendMessageData>;
export const SendMessageAction = v.object({ action: v.literal("sendMessage"), data: SendMessageData });
export const TypingAction = v.object({ action: v.literal("typing") });
export const HelloAction = v.object({ action: v.literal("hello") });
export const PingAction = v.object({ action: v.literal("ping") });

/** Frames a client sends; the server routes on `action`. */
export const ClientFrame = v.variant("action", [SendMessageAction, TypingAction, HelloAction, PingAction]);
export type ClientFrame = v.InferOutput<typeof ClientFrame>;
