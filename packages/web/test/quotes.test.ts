import { describe, expect, it } from "vitest";
import { QUOTED_LINE_LENGTH, replyTo, splitQuotes } from "../src/lib/quotes";
import { bob, message } from "./fixtures";

const runs = (text: string) => splitQuotes(text).map((part) => `${part.quoted ? "quote" : "text"}:${part.text}`);

describe("splitQuotes", () => {
  it("takes lines starting with > as a quote, without the mark, and the rest as text", () => {
    expect(runs("> Lunch at noon?\n> Or one?\nNoon works")).toEqual([
      "quote:Lunch at noon?\nOr one?",
      "text:Noon works",
    ]);
    expect(runs("Before\n>no space\n>\nAfter\n> again")).toEqual([
      "text:Before",
      "quote:no space\n",
      "text:After",
      "quote:again",
    ]);
    expect(runs("plain text")).toEqual(["text:plain text"]);
    expect(runs("a -> b, 5 > 3")).toEqual(["text:a -> b, 5 > 3"]);
  });

  it("never takes a line inside a ``` block for a quote", () => {
    expect(runs("```\n> not a quote\n```\n> a quote")).toEqual(["text:```\n> not a quote\n```", "quote:a quote"]);
  });

  it("takes a quoted ``` block as part of the quote", () => {
    expect(runs("> ```js\n> const x = 1;\n> ```\nnice")).toEqual(["quote:```js\nconst x = 1;\n```", "text:nice"]);
  });

  it("gives each run its offset in the message", () => {
    expect(splitQuotes("ab\n> cd\nef").map((part) => part.at)).toEqual([0, 3, 8]);
  });
});

describe("replyTo", () => {
  it("quotes the message's lines and mentions its author", () => {
    expect(replyTo(message("01", { author: bob, text: "Lunch at noon?\n\nOr one?" }), true)).toBe(
      "> Lunch at noon?\n> Or one?\n@Bob ",
    );
    expect(replyTo(message("01", { text: "Note to self" }), false)).toBe("> Note to self\n");
  });

  it("quotes three lines at most, each cut short, and not what the message quoted itself", () => {
    const long = "x".repeat(QUOTED_LINE_LENGTH + 10);
    const text = `> what they quoted\n1\n2\n3\n4\n${long}`;
    expect(replyTo(message("01", { author: bob, text }), true)).toBe("> 1\n> 2\n> 3\n> …\n@Bob ");
    const reply = replyTo(message("01", { author: bob, text: long }), true);
    expect(reply).toBe(`> ${"x".repeat(QUOTED_LINE_LENGTH - 1)}…\n@Bob `);
    expect(splitQuotes(reply).map((part) => part.quoted)).toEqual([true, false]);
  });

  it("quotes a code block as a code block, closed where the quote ends, its fences not counted as lines", () => {
    const text = "```js\nconst x = 1;\nconst y = 2;\nconst z = 3;\nconst w = 4;\n```\nThoughts?";
    const reply = replyTo(message("01", { author: bob, text }), true);
    expect(reply).toBe("> ```js\n> const x = 1;\n> const y = 2;\n> const z = 3;\n> ```\n> …\n@Bob ");
    expect(splitQuotes(`${reply}nice`).map((part) => part.quoted)).toEqual([true, false]);
    const short = replyTo(message("01", { author: bob, text: "Look:\n```\nls -la\n```" }), true);
    expect(short).toBe("> Look:\n> ```\n> ls -la\n> ```\n@Bob ");
  });
});
