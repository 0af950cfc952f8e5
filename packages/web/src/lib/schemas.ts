import * as v from "valibot";

export const MemberSchema = v.object({
  id: v.string(),
  name: v.string(),
});
export type Member = v.InferOutput<typeof MemberSchema>;

export const RoomSchema = v.object({
  id: v.string(),
  name: v.string(),
  createdAt: v.string(),
  members: v.number(),
});
export type Room = v.InferOutput<typeof RoomSchema>;

export const MessageSchema = v.object({
  id: v.string(),
  roomId: v.string(),
  text: v.string(),
  author: MemberSchema,
  sentAt: v.string(),
  clientMessageId: v.optional(v.string()),
});
export type Message = v.InferOutput<typeof MessageSchema>;

const CursorSchema = v.nullable(v.string());

export const RoomResponseSchema = v.object({ room: RoomSchema });
export const RoomsPageSchema = v.object({ rooms: v.array(RoomSchema), cursor: CursorSchema });
export type RoomsPage = v.InferOutput<typeof RoomsPageSchema>;
export const MessagesPageSchema = v.object({ messages: v.array(MessageSchema), cursor: CursorSchema });
export type MessagesPage = v.InferOutput<typeof MessagesPageSchema>;

export const ErrorBodySchema = v.object({
  error: v.object({ code: v.string(), message: v.string() }),
});

/** Frames the WebSocket API pushes to a client (docs/api.md, "WebSocket API"). */
export const ServerFrameSchema = v.variant("type", [
  v.object({ type: v.literal("message"), message: MessageSchema }),
  v.object({ type: v.literal("join"), member: MemberSchema, members: v.number() }),
  v.object({ type: v.literal("leave"), member: MemberSchema, members: v.number() }),
  v.object({
    type: v.literal("presence"),
    joined: v.array(MemberSchema),
    left: v.array(MemberSchema),
    members: v.number(),
  }),
  v.object({ type: v.literal("typing"), member: MemberSchema }),
  v.object({
    type: v.literal("welcome"),
    you: MemberSchema,
    room: RoomSchema,
    members: v.array(MemberSchema),
  }),
  v.object({ type: v.literal("error"), error: v.object({ code: v.string(), message: v.string() }) }),
]);
export type ServerFrame = v.InferOutput<typeof ServerFrameSchema>;

/** Parses one text frame; anything not in the contract (or not JSON) yields undefined. */
export function parseServerFrame(data: string): ServerFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const result = v.safeParse(ServerFrameSchema, json);
  return result.success ? result.output : undefined;
}
