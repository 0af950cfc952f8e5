import { formatMessage } from "./message-format";
import { splitQuotes } from "./quotes";

// Letters, digits and "_" continue a word: "@Al" is not a mention of "Al" in "@Alice", nor is
// the "@Alice" of "bob@Alice.com" one of "Alice".
export const WORD_CHARACTER = "[\\p{L}\\p{M}\\p{N}_]";

// Only the characters a "u" pattern lets be escaped: there, "\-" (say) is a syntax error.
const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The runs of a message shown as prose: what is not `code` or a ```block```, quoted or not. */
const proseOf = (text: string) =>
  splitQuotes(text).flatMap((part) =>
    formatMessage(part.text).flatMap((piece) => (piece.kind === "text" ? [piece.text] : [])),
  );

/**
 * A test of whether a text mentions `name` as "@name": in any letter case, as a word of its own,
 * in its prose. An "@name" in code is code, as in Slack: it neither rings nor notifies.
 */
export function mentionOf(name: string): (text: string) => boolean {
  if (name === "") return () => false;
  const mention = new RegExp(`(?<!${WORD_CHARACTER})@${escapeForRegExp(name)}(?!${WORD_CHARACTER})`, "iu");
  return (text) => proseOf(text).some((prose) => mention.test(prose));
}
