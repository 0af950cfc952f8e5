// Letters, digits and "_" continue a word: "@Al" is not a mention of "Al" in "@Alice", nor is
// the "@Alice" of "bob@Alice.com" one of "Alice".
export const WORD_CHARACTER = "[\\p{L}\\p{M}\\p{N}_]";

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** A test of whether a text mentions `name` as "@name": in any letter case, as a word of its own. */
export function mentionOf(name: string): (text: string) => boolean {
  if (name === "") return () => false;
  const mention = new RegExp(`(?<!${WORD_CHARACTER})@${escapeForRegExp(name)}(?!${WORD_CHARACTER})`, "iu");
  return (text) => mention.test(text);
}
