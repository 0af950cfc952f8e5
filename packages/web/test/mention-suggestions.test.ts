import { describe, expect, it } from "vitest";
import { completeMention, mentionBeingWritten, suggestionKey, suggestNames } from "../src/lib/mention-suggestions";
import { mentionOf } from "../src/lib/mentions";

/** The draft with the caret at the end of `text`. */
const draftAtEnd = (text: string) => mentionBeingWritten(text, text.length);

describe("mentionBeingWritten", () => {
  it("finds the @ that starts a word before the caret, and what follows it", () => {
    expect(draftAtEnd("@")).toEqual({ start: 0, end: 1, query: "" });
    expect(draftAtEnd("hi @Bo")).toEqual({ start: 3, end: 6, query: "Bo" });
    expect(draftAtEnd("(@mary an")).toEqual({ start: 1, end: 9, query: "mary an" });
    expect(draftAtEnd("line one\n@さく")).toEqual({ start: 9, end: 12, query: "さく" });
    expect(mentionBeingWritten("hi @Bo, there", 6)).toEqual({ start: 3, end: 6, query: "Bo" });
  });

  it("finds none without an @, after a word character, across a line or past a name's length", () => {
    expect(draftAtEnd("hello")).toBeNull();
    expect(draftAtEnd("mail bob@exa")).toBeNull();
    expect(draftAtEnd("zoë@x")).toBeNull();
    expect(draftAtEnd("@Bob\nand")).toBeNull();
    expect(draftAtEnd(`@${"a".repeat(33)}`)).toBeNull();
    expect(draftAtEnd(`@${"a".repeat(32)}`)?.query).toHaveLength(32);
    expect(mentionBeingWritten("@Bob", 0)).toBeNull();
  });

  it("finds none in code being written, closed or not, and finds one after it", () => {
    expect(draftAtEnd("type `@Bo")).toBeNull();
    expect(draftAtEnd("```\nping @Bo")).toBeNull();
    expect(draftAtEnd("```js\nconst a = 1;\n@Bo")).toBeNull();
    expect(draftAtEnd("`x` then @Bo")).toEqual({ start: 9, end: 12, query: "Bo" });
    expect(draftAtEnd("```\ncode\n```\n@Bo")).toEqual({ start: 13, end: 16, query: "Bo" });
    expect(draftAtEnd("an open ` on one line\n@Bo")?.query).toBe("Bo");
  });
});

describe("suggestNames", () => {
  const names = ["bob", "Alice", "Mary Ann", "Zoë", "Annette", "Alicia", "Alice"];

  it("offers names that begin with the query, then names with a later word that does, each once", () => {
    expect(suggestNames(names, "al")).toEqual(["Alice", "Alicia"]);
    expect(suggestNames(names, "ANN")).toEqual(["Annette", "Mary Ann"]);
    expect(suggestNames(names, "mary a")).toEqual(["Mary Ann"]);
    expect(suggestNames(names, "zoe")).toEqual(["Zoë"]);
    expect(suggestNames(names, "B")).toEqual(["bob"]);
  });

  it("offers everyone for a bare @, alphabetically, up to the limit, and nobody for no match", () => {
    expect(suggestNames(names, "")).toEqual(["Alice", "Alicia", "Annette", "bob", "Mary Ann", "Zoë"]);
    expect(suggestNames(names, "", 2)).toEqual(["Alice", "Alicia"]);
    expect(suggestNames(names, "lice")).toEqual([]);
    expect(suggestNames(names, "bob and more")).toEqual([]);
    expect(suggestNames([], "")).toEqual([]);
  });
});

describe("completeMention", () => {
  it("puts the whole name and a space in place of what was typed, and the caret after them", () => {
    const text = "hi @ma";
    const completed = completeMention(text, draftAtEnd(text)!, "Mary Ann");
    expect(completed).toEqual({ text: "hi @Mary Ann ", caret: 13 });
    expect(mentionOf("Mary Ann")(completed.text)).toBe(true);
  });

  it("keeps what follows the caret, with no space added before a space or punctuation", () => {
    expect(completeMention("@bo, look", mentionBeingWritten("@bo, look", 3)!, "bob")).toEqual({
      text: "@bob, look",
      caret: 4,
    });
    expect(completeMention("@bolook", mentionBeingWritten("@bolook", 3)!, "bob")).toEqual({
      text: "@bob look",
      caret: 5,
    });
    expect(completeMention("@b look", mentionBeingWritten("@b look", 2)!, "bob")).toEqual({
      text: "@bob look",
      caret: 5,
    });
  });
});

describe("suggestionKey", () => {
  const key = (key: string, more: { shiftKey?: boolean; isComposing?: boolean; keyCode?: number } = {}) =>
    suggestionKey({ key, shiftKey: false, isComposing: false, keyCode: 0, ...more }, false);

  it("moves with the arrows, chooses with Enter or Tab, closes with Escape", () => {
    expect(key("ArrowDown")).toBe("next");
    expect(key("ArrowUp")).toBe("previous");
    expect(key("Enter")).toBe("choose");
    expect(key("Tab")).toBe("choose");
    expect(key("Escape")).toBe("close");
  });

  it("leaves other keys, Shift+Enter, Shift+Tab and an IME's keys to the text box", () => {
    expect(key("a")).toBeNull();
    expect(key("Enter", { shiftKey: true })).toBeNull();
    expect(key("Tab", { shiftKey: true })).toBeNull();
    expect(key("Enter", { isComposing: true })).toBeNull();
    expect(key("ArrowDown", { keyCode: 229 })).toBeNull();
    expect(suggestionKey({ key: "Enter", shiftKey: false, isComposing: false, keyCode: 13 }, true)).toBeNull();
  });
});
