import { codePointLength, MAX_DISPLAY_NAME_LENGTH } from "@chat/wire";
import { type EnterKeyEvent, isImeKey } from "./enter-to-send";
import { folded } from "./folded";
import { WORD_CHARACTER } from "./mentions";
import { FENCE, fencesIn } from "./message-format";

/** An "@…" being written: where its "@" is, where the caret is, and what is typed between them. */
export interface MentionDraft {
  start: number;
  end: number;
  query: string;
}

export const MAX_SUGGESTIONS = 6;

const wordCharacter = new RegExp(`^${WORD_CHARACTER}$`, "u");

/**
 * Whether what follows `text` is code being written: inside a ``` block (an odd number of fences
 * so far), or after an odd number of backticks on its line. A closing mark may not be typed yet.
 */
function writingCode(text: string): boolean {
  if (fencesIn(text) % 2 === 1) return true;
  const line = text.slice(text.lastIndexOf("\n") + 1).replaceAll(FENCE, "");
  return (line.split("`").length - 1) % 2 === 1;
}

/**
 * The mention being written just before the caret: an "@" that starts a word (as `mentionOf`
 * reads mentions), then at most a display name's length, on one line, not in code (where it
 * would mention no one). Null when there is none.
 */
export function mentionBeingWritten(text: string, caret: number): MentionDraft | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf("@");
  if (start === -1) return null;
  const query = before.slice(start + 1);
  if (query.includes("\n") || codePointLength(query) > MAX_DISPLAY_NAME_LENGTH) return null;
  const previous = Array.from(before.slice(0, start)).at(-1);
  if (previous !== undefined && wordCharacter.test(previous)) return null;
  if (writingCode(before.slice(0, start))) return null;
  return { start, end: caret, query };
}

/** Where the words of an already folded name start. */
function wordStarts(name: string): number[] {
  return [0, ...Array.from(name.matchAll(/\s+/gu), (space) => space.index + space[0].length)];
}

/**
 * The names `query` could be the start of, in any case and accents aside: names that begin with
 * it first, then names with a later word that does ("@ann" finds "Mary Ann"). Each name once,
 * alphabetical within each group, at most `limit`.
 */
export function suggestNames(names: readonly string[], query: string, limit = MAX_SUGGESTIONS): string[] {
  const wanted = folded(query);
  const candidates = [...new Set(names)]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ name, matched: folded(name) }));
  const whole = candidates.filter(({ matched }) => matched.startsWith(wanted));
  const byWord = candidates.filter(
    ({ matched }) => !matched.startsWith(wanted) && wordStarts(matched).some((at) => matched.startsWith(wanted, at)),
  );
  return [...whole, ...byWord].slice(0, limit).map(({ name }) => name);
}

/**
 * `text` with the mention being written replaced by "@name", and where the caret goes: past the
 * space after the name (one is added unless a space or punctuation already follows).
 */
export function completeMention(text: string, draft: MentionDraft, name: string): { text: string; caret: number } {
  const before = `${text.slice(0, draft.start)}@${name}`;
  const after = text.slice(draft.end);
  if (/^\p{P}/u.test(after)) return { text: before + after, caret: before.length };
  const spaced = /^\s/u.test(after) ? after : ` ${after}`;
  return { text: before + spaced, caret: before.length + 1 };
}

export type SuggestionKey = "next" | "previous" | "choose" | "close";

/** What a key does while suggestions are shown: null when it is the text box's as usual (IME keys included). */
export function suggestionKey(event: EnterKeyEvent, compositionActive: boolean): SuggestionKey | null {
  if (isImeKey(event, compositionActive)) return null;
  if (event.key === "ArrowDown") return "next";
  if (event.key === "ArrowUp") return "previous";
  if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) return "choose";
  if (event.key === "Escape") return "close";
  return null;
}
