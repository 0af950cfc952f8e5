/** A piece of a message's text, from offset `at`: plain text, or a web address to show as a link. */
export type TextPart = { at: number; text: string } | { at: number; url: string };

// http(s) only: a message can never make a javascript: or data: link.
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;
// Punctuation that usually ends the sentence around an address rather than the address itself.
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/** Splits `text` into plain parts and web addresses, in order; the parts join back into `text`. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    let url = match[0].replace(TRAILING_PUNCTUATION, "");
    // A closing parenthesis belongs to the address only if it opened one, as Wikipedia's do.
    while (url.endsWith(")") && count(url, "(") < count(url, ")")) url = url.slice(0, -1);
    if (!isWebAddress(url)) continue;
    if (match.index > plainFrom) parts.push({ at: plainFrom, text: text.slice(plainFrom, match.index) });
    parts.push({ at: match.index, url });
    plainFrom = match.index + url.length;
  }
  if (plainFrom < text.length) parts.push({ at: plainFrom, text: text.slice(plainFrom) });
  return parts;
}

const count = (text: string, character: string) => text.split(character).length - 1;

function isWebAddress(candidate: string): boolean {
  try {
    return new URL(candidate).host !== "";
  } catch {
    return false;
  }
}
