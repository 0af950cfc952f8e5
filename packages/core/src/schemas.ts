import * as v from "valibot";
import { ChatError } from "./errors";

const codePoints = (text: string) => [...text].length;
const CONTROL_CHARACTERS = /\p{Cc}/u;
// JSON can carry "\ud800" escapes: text that is not valid Unicode.
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (what: string) =>
  v.check((text: string) => !LONE_SURROGATE.test(text), `${what} must be valid Unicode text`);

// Invisible formatting characters (zero-width space, word joiner, soft hyphen,
// byte order mark, bidirectional marks, embeddings, overrides and isolates) let
// one name pass for another or reorder what is shown around it. Zero-width
// joiner and non-joiner stay allowed: emoji sequences and several scripts need them.
const INVISIBLE_FORMATTING = /(?![\u200c\u200d])\p{Cf}/u;
// Something a person can see: a letter, digit, punctuation or symbol, other than
// the blank-looking ones (Braille blank, Hangul fillers).
const VISIBLE = /(?![\u2800\u3164\u115f\u1160\uffa0])[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * A name: NFC-normalised and trimmed, min..max code points, with no control
 * characters, no invisible formatting, and at least one visible character.
 * Lookalike letters from different scripts are allowed (see docs/api.md, "Names").
 */
const label = (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be a string`),
    wellFormed(what),
    v.normalize("NFC"),
    v.trim(),
    v.check((text) => codePoints(text) >= 1, `${what} must not be empty`),
    v.check((text) => codePoints(text) <= max, `${what} must be at most ${max} characters`),
    v.check((text) => !CONTROL_CHARACTERS.test(text), `${what} must not contain control characters`),
    v.check((text) => !INVISIBLE_FORMATTING.test(text), `${what} must not contain invisible formatting characters`),
    v.check((text) => VISIBLE.test(text), `${what} must contain a visible character`),
  );

export const RoomName = label("name", 64);
export const DisplayName = label("name", 32);

/** Stored as sent; its length is counted after trimming. */
export const MessageText = v.pipe(
  v.string("message must be a string"),
  v.check((text) => text.trim().length > 0, "message must not be blank"),
  v.check((text) => codePoints(text.trim()) <= 2000, "message must be at most 2000 characters"),
  wellFormed("message"),
);

export const ClientMessageId = v.pipe(
  v.string("clientMessageId must be a string"),
  v.check((id) => codePoints(id.trim()) >= 1, "clientMessageId must not be empty"),
  v.check((id) => codePoints(id.trim()) <= 64, "clientMessageId must be at most 64 characters"),
  wellFormed("clientMessageId"),
);

/** Ids this server hands out; anything else cannot name a room. */
export const RoomId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));

export const MessageId = v.pipe(
  v.string(),
  v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a message id"),
);

const Limit = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}$/, "limit must be a whole number from 1 to 100"),
  v.transform(Number),
  v.number(),
  v.minValue(1, "limit must be at least 1"),
  v.maxValue(100, "limit must be at most 100"),
);

export const CreateRoomBody = v.object(
  { name: RoomName },
  "body must be a JSON object with a string name",
);

export const ListRoomsQuery = v.object({
  limit: v.optional(Limit, "50"),
  cursor: v.optional(v.pipe(v.string(), v.nonEmpty("cursor must not be empty"))),
});

export const ListMessagesQuery = v.pipe(
  v.object({
    limit: v.optional(Limit, "50"),
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

export const SendMessageData = v.object(
  {
    message: MessageText,
    clientMessageId: v.optional(ClientMessageId),
  },
  "data must be an object with a string message",
);

/** Parses with a schema; failures become the contract's invalid_request. */
export function parse<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join(".");
  throw new ChatError("invalid_request", path ? `${path}: ${issue.message}` : issue.message);
}
