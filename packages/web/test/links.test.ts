import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageEntry } from "../src/components/room/LogEntries";
import { splitLinks, type TextPart } from "../src/lib/links";
import { message } from "./fixtures";

const rejoined = (parts: TextPart[]) => parts.map((part) => ("url" in part ? part.url : part.text)).join("");
const urls = (text: string) => splitLinks(text).flatMap((part) => ("url" in part ? [part.url] : []));

describe("splitLinks", () => {
  it("finds http and https addresses, leaving the sentence's punctuation out of them", () => {
    const text = "See https://example.com/a?b=1&c=2. Or HTTP://example.org/x, then (https://example.net)!";
    expect(urls(text)).toEqual(["https://example.com/a?b=1&c=2", "HTTP://example.org/x", "https://example.net"]);
    expect(rejoined(splitLinks(text))).toBe(text);
    expect(splitLinks("a https://b.example c")).toEqual([
      { at: 0, text: "a " },
      { at: 2, url: "https://b.example" },
      { at: 19, text: " c" },
    ]);
  });

  it("keeps a closing parenthesis that belongs to the address", () => {
    expect(urls("(see https://en.wikipedia.org/wiki/Rust_(programming_language))")).toEqual([
      "https://en.wikipedia.org/wiki/Rust_(programming_language)",
    ]);
  });

  it("links nothing but web addresses: no javascript:, no data:, no bare scheme", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<b>x</b>", "http://", "no links here", ""]) {
      expect(urls(text)).toEqual([]);
      expect(rejoined(splitLinks(text))).toBe(text);
    }
  });
});

describe("a message's links", () => {
  it("open in a new tab, without the page's opener or referrer", () => {
    const html = renderToStaticMarkup(
      createElement(MessageEntry, { message: message("01", { text: "docs: https://example.com/x." }), tone: "other" }),
    );
    expect(html).toContain(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow" class="text-accent underline">https://example.com/x</a>.',
    );
  });
});
