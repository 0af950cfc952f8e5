import { describe, expect, it } from "vitest";
import { formatMessage } from "../src/lib/message-format";

const shown = (text: string) => formatMessage(text).map(({ kind, text }) => `${kind}:${text}`);

describe("formatMessage", () => {
  it("reads `…` as inline code and ```…``` as a block, the rest as text", () => {
    expect(shown("Run `npm start` first")).toEqual(["text:Run ", "code:npm start", "text: first"]);
    expect(shown("```\nconst a = 1;\n  return a;\n```")).toEqual(["codeBlock:const a = 1;\n  return a;"]);
    expect(shown("see ```ts\nlet x: number;\n``` above")).toEqual([
      "text:see ",
      "codeBlock:let x: number;",
      "text: above",
    ]);
    expect(shown("```one line```")).toEqual(["codeBlock:one line"]);
    expect(shown("`a` and `b`")).toEqual(["code:a", "text: and ", "code:b"]);
  });

  it("keeps the code as written: backslashes, markup, addresses, mentions", () => {
    expect(shown("`<b>x</b> \\n https://example.com @Alice`")).toEqual([
      "code:<b>x</b> \\n https://example.com @Alice",
    ]);
    expect(shown("```\n`inline` inside a block\n```")).toEqual(["codeBlock:`inline` inside a block"]);
  });

  it("leaves fences that close nothing, hold only spaces, or break a line inline as typed", () => {
    for (const text of ["a ` b", "```\nnever closed", "`` empty", "` `", "``` ```", "`two\nlines`", "plain", ""]) {
      expect(
        formatMessage(text)
          .map((piece) => piece.text)
          .join(""),
      ).toBe(text);
      expect(formatMessage(text).every((piece) => piece.kind === "text")).toBe(true);
    }
  });

  it("gives each piece its offset in the message", () => {
    expect(formatMessage("ab `cd` ef").map((piece) => piece.at)).toEqual([0, 3, 7]);
  });
});
