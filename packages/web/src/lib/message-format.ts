/** A piece of a message as shown, from offset `at`: text (its web addresses made links), `code`, or a ```block```. */
export interface MessagePiece {
  at: number;
  kind: "text" | "code" | "codeBlock";
  text: string;
}

/** What opens and closes a code block. */
export const FENCE = "```";

/** How many ``` fences `text` holds: an odd number leaves a code block open after it. */
export const fencesIn = (text: string) => text.split(FENCE).length - 1;

// A block: ``` then, on the opening line, an optional language name (not shown), the code, and
// ```; a line break just inside either fence is not part of the code. Inline: `code` on one line.
const CODE = /```(?:[\w+-]*\n)?([\s\S]*?)\n?```|`([^`\n]+)`/g;

/**
 * Splits a message into text and code, as chat apps read backticks; the code keeps its
 * characters as written. Fences that close nothing, or hold only spaces, stay as typed.
 */
export function formatMessage(text: string): MessagePiece[] {
  const pieces: MessagePiece[] = [];
  let textFrom = 0;
  for (const match of text.matchAll(CODE)) {
    const [whole, block, inline] = match;
    const code = block ?? inline ?? "";
    if (code.trim() === "") continue;
    if (match.index > textFrom) pieces.push({ at: textFrom, kind: "text", text: text.slice(textFrom, match.index) });
    pieces.push({ at: match.index, kind: block === undefined ? "code" : "codeBlock", text: code });
    textFrom = match.index + whole.length;
  }
  if (textFrom < text.length) pieces.push({ at: textFrom, kind: "text", text: text.slice(textFrom) });
  return pieces;
}
