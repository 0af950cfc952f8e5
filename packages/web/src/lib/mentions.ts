import { formatMessage } from "./message-format";
import { splitQuotes } from "./quotes";

// Letters, digits and "_" continue a word: "@Al" is not a mention of "Al" in "@Alice", nor is
// the "@Alice" of "bob@Alice.com" one of "Alice".
export const WORD_CHARACTER = "[\\p{L}\\p{M}\\p{N}_]";

// Only the characters a "u" pattern lets be escaped: there, "\-" (say) is a syntax error.
const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * The runs of a message written as prose: not `code` or a ```block```, and not quoted (a quote's
 * mentions are the quoted message's, and were told with it; a reply quotes by itself).
 */
const proseOf = (text: string) =>
  splitQuotes(text)
    .filter((part) => !part.quoted)
    .flatMap((part) => formatMessage(part.text).flatMap((piece) => (piece.kind === "text" ? [piece.text] : [])));

/** Everyone the room's page knows by name: who is present, and who wrote the messages it holds. */
export function knownNames(room: {
  members: readonly { name: string }[];
  messages: readonly { author: { name: string } }[];
}): Set<string> {
  return new Set([...room.members.map((member) => member.name), ...room.messages.map((m) => m.author.name)]);
}

/** The names that start with `name` and go on ("Mary Ann" for "Mary"), in any letter case. */
export function namesExtending(name: string, names: Iterable<string>): string[] {
  const start = name.toLowerCase();
  return [...names].filter((other) => other.length > name.length && other.toLowerCase().startsWith(start));
}

/**
 * A test of whether a text mentions `name` as "@name": in any letter case, as a word of its own,
 * in its own prose. An "@name" in code is code, as in Slack: it neither rings nor notifies. Where
 * `longerNames` (namesExtending) could be meant too, the longest wins: "@Mary Ann" is not Mary's.
 */
export function mentionOf(name: string, longerNames: readonly string[] = []): (text: string) => boolean {
  if (name === "") return () => false;
  const longer = [...longerNames].sort((a, b) => b.length - a.length).map(escapeForRegExp);
  const theirs = longer.length > 0 ? `(?:${longer.join("|")})(?!${WORD_CHARACTER})|` : "";
  const mention = new RegExp(
    `(?<!${WORD_CHARACTER})@(?:${theirs}(${escapeForRegExp(name)})(?!${WORD_CHARACTER}))`,
    "giu",
  );
  const yours = (prose: string) => [...prose.matchAll(mention)].some((match) => match[1] !== undefined);
  return (text) => proseOf(text).some(yours);
}
