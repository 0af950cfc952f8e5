import * as v from "valibot";
import {
  MAX_CLIENT_MESSAGE_ID_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_ROOM_NAME_LENGTH,
} from "./limits";

/** Length in Unicode code points, as docs/api.md counts lengths. */
export const codePointLength = (text: string) => [...text].length;

// Control characters, and the line and paragraph separators, which break a line as a newline does.
const CONTROL_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}]/u;
// JSON can carry "\ud800" escapes: text that is not valid Unicode.
const LONE_SURROGATE = /\p{Cs}/u;
// Invisible formatting characters (zero-width space, word joiner, soft hyphen,
// byte order mark, bidirectional marks, embeddings, overrides and isolates) let
// one name pass for another or reorder what is shown around it. Zero-width
// joiner and non-joiner stay allowed: emoji sequences and several scripts need them.
const INVISIBLE_FORMATTING = /(?![\u200c\u200d])\p{Cf}/u;
// Something a person can see: a letter, digit, punctuation or symbol, other than
// the blank-looking ones (Braille blank, Hangul fillers).
const VISIBLE = /(?![\u2800\u3164\u115f\u1160\uffa0])[\p{L}\p{N}\p{P}\p{S}]/u;

/** Whether a person would see something in the text (not only spaces, blank-looking or invisible characters). */
export const hasVisibleCharacter = (text: string) => VISIBLE.test(text);

const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);
const wellFormed = (what: string) => v.check(isWellFormed, `${what} must be valid Unicode text`);

/** The name rule a name breaks, in the order they are checked; see `brokenNameRule`. */
export type NameRule = "type" | "unicode" | "empty" | "length" | "control" | "invisible" | "visible";

const ruleOf = new Map<unknown, NameRule>();
function rule(name: NameRule, requirement: (text: string) => boolean, message: string) {
  ruleOf.set(requirement, name);
  return v.check(requirement, message);
}

/**
 * A name: NFC-normalised and trimmed, 1..max code points, with no control
 * characters, no invisible formatting, and at least one visible character.
 * Lookalike letters from different scripts are allowed (see docs/api.md, "Names").
 */
const label = (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be a string`),
    rule("unicode", isWellFormed, `${what} must be valid Unicode text`),
    v.normalize("NFC"),
    v.trim(),
    rule("empty", (text) => codePointLength(text) >= 1, `${what} must not be empty`),
    rule("length", (text) => codePointLength(text) <= max, `${what} must be at most ${max} characters`),
    rule("control", (text) => !CONTROL_CHARACTERS.test(text), `${what} must not contain control characters`),
    rule(
      "invisible",
      (text) => !INVISIBLE_FORMATTING.test(text),
      `${what} must not contain invisible formatting characters`,
    ),
    rule("visible", hasVisibleCharacter, `${what} must contain a visible character`),
  );

/** A room name, as `POST /rooms` takes it; outputs the stored (NFC, trimmed) form. */
export const RoomName = label("name", MAX_ROOM_NAME_LENGTH);
/** A display name, as the handshake's `name` takes it; outputs the stored form. */
export const DisplayName = label("name", MAX_DISPLAY_NAME_LENGTH);
export type NameSchema = typeof RoomName | typeof DisplayName;

/** The first rule `input` breaks as a RoomName or DisplayName, or null when the server would take it. */
export function brokenNameRule(schema: NameSchema, input: unknown): NameRule | null {
  const result = v.safeParse(schema, input);
  if (result.success) return null;
  return ruleOf.get(result.issues[0].requirement) ?? "type";
}

/** Message text. Stored as sent; its length is counted after trimming. Blank: nothing to see in it. */
export const MessageText = v.pipe(
  v.string("message must be a string"),
  // First: a lone surrogate is nothing to see either, and would be called blank.
  wellFormed("message"),
  v.check(hasVisibleCharacter, "message must not be blank"),
  v.check(
    (text) => codePointLength(text.trim()) <= MAX_MESSAGE_LENGTH,
    `message must be at most ${MAX_MESSAGE_LENGTH} characters`,
  ),
);

/** The id a client gives a message to match its echo; 1..64 code points once trimmed. */
export const ClientMessageId = v.pipe(
  v.string("clientMessageId must be a string"),
  v.check((id) => codePointLength(id.trim()) >= 1, "clientMessageId must not be empty"),
  v.check(
    (id) => codePointLength(id.trim()) <= MAX_CLIENT_MESSAGE_ID_LENGTH,
    `clientMessageId must be at most ${MAX_CLIENT_MESSAGE_ID_LENGTH} characters`,
  ),
  wellFormed("clientMessageId"),
);
