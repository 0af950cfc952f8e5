import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, MessageId, MIN_PAGE_LIMIT, RoomName } from "@chat/wire";
import * as v from "valibot";
import { ChatError } from "./errors";

// The contract's pieces (limits, name and text rules, ids, the sendMessage data)
// live in @chat/wire; these are the request schemas built from them.
export { ClientMessageId, DisplayName, MessageId, MessageText, RoomId, RoomName, SendMessageData } from "@chat/wire";

const Limit = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}$/, `limit must be a whole number from ${MIN_PAGE_LIMIT} to ${MAX_PAGE_LIMIT}`),
  v.transform(Number),
  v.number(),
  v.minValue(MIN_PAGE_LIMIT, `limit must be at least ${MIN_PAGE_LIMIT}`),
  v.maxValue(MAX_PAGE_LIMIT, `limit must be at most ${MAX_PAGE_LIMIT}`),
);

export const CreateRoomBody = v.object({ name: RoomName }, "body must be a JSON object with a string name");

export const ListRoomsQuery = v.object({
  limit: v.optional(Limit, String(DEFAULT_PAGE_LIMIT)),
  cursor: v.optional(v.pipe(v.string(), v.nonEmpty("cursor must not be empty"))),
});

export const ListMessagesQuery = v.pipe(
  v.object({
    limit: v.optional(Limit, String(DEFAULT_PAGE_LIMIT)),
    before: v.optional(MessageId),
    after: v.optional(MessageId),
  }),
  v.check((query) => !(query.before && query.after), "use at most one of before and after"),
);

export const ConnectQuery = v.object({
  roomId: v.pipe(v.string("roomId is required"), v.nonEmpty("roomId is required")),
  name: v.optional(v.string()),
});

export const Frame = v.object({
  action: v.string("action must be a string"),
  data: v.optional(v.unknown()),
});

/** Parses with a schema; failures become the contract's invalid_request. */
export function parse<const TSchema extends v.GenericSchema>(schema: TSchema, input: unknown): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join(".");
  throw new ChatError("invalid_request", path ? `${path}: ${issue.message}` : issue.message);
}
