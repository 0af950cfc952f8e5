import { FENCE, fencesIn } from "./message-format";
import type { Message } from "./schemas";
import { shortened } from "./shortened";

/** A run of a message's lines from offset `at`: quoted ("> …" each, the marks taken off) or not. */
export interface QuotePart {
  at: number;
  quoted: boolean;
  text: string;
}

/** A reply quotes at most this many of the message's lines, each cut at this many code points. */
export const QUOTED_LINES = 3;
export const QUOTED_LINE_LENGTH = 120;

/**
 * Splits a message into runs of quoted lines (each starting with ">", as in e-mail and Markdown)
 * and the rest. A line inside a ``` block is never a quote; a quote may hold a block of its own.
 */
export function splitQuotes(text: string): QuotePart[] {
  const parts: QuotePart[] = [];
  let inCodeBlock = false;
  let at = 0;
  for (const line of text.split("\n")) {
    const quoted = !inCodeBlock && line.startsWith(">");
    const content = quoted ? line.replace(/^> ?/, "") : line;
    const last = parts.at(-1);
    if (last?.quoted === quoted) last.text += `\n${content}`;
    else parts.push({ at, quoted, text: content });
    if (!quoted && fencesIn(line) % 2 === 1) inCodeBlock = !inCodeBlock;
    at += line.length + 1;
  }
  return parts;
}

// A line that only opens or closes a ``` block (with the language name, if any).
const FENCE_LINE = /^\s*```[\w+-]*\s*$/;

/**
 * The start of a reply to `message`: its first lines quoted (not what it quoted itself; a code
 * block's fences do not count as lines, and one left open is closed), then "@author " so that
 * they hear of it, unless `mention` is false (a reply to yourself).
 */
export function replyTo(message: Message, mention: boolean): string {
  const written = splitQuotes(message.text)
    .filter((part) => !part.quoted)
    .flatMap((part) => part.text.split("\n"))
    .filter((line) => line.trim() !== "");
  const quoted: string[] = [];
  let lines = 0;
  let fences = 0;
  for (const line of written) {
    const fenceLine = FENCE_LINE.test(line);
    if (!fenceLine && lines === QUOTED_LINES) break;
    const shown = shortened(line, QUOTED_LINE_LENGTH);
    quoted.push(shown);
    fences += fencesIn(shown);
    if (!fenceLine) lines++;
  }
  if (fences % 2 === 1) quoted.push(FENCE);
  const left = written.filter((line) => !FENCE_LINE.test(line)).length - lines;
  if (left > 0) quoted.push("…");
  return `${quoted.map((line) => `> ${line}`).join("\n")}\n${mention ? `@${message.author.name} ` : ""}`;
}
