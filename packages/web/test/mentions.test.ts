import { describe, expect, it } from "vitest";
import { knownNames, mentionOf, namesExtending } from "../src/lib/mentions";

const mentions = (text: string, name: string) => mentionOf(name)(text);

describe("mentions", () => {
  it("finds @name as a word of its own, in any letter case, with spaces and punctuation in the name", () => {
    expect(mentions("@Alice are you there?", "Alice")).toBe(true);
    expect(mentions("thanks, @alice!", "Alice")).toBe(true);
    expect(mentions("(@ALICE)", "Alice")).toBe(true);
    expect(mentions("ask @Mary Ann.", "Mary Ann")).toBe(true);
    expect(mentions("@Dr. Who?", "Dr. Who")).toBe(true);
    expect(mentions("@Zoë", "ZOË")).toBe(true);
    expect(mentions("hi @さくら", "さくら")).toBe(true);
  });

  it("does not take a name without @, a longer name, an address or a pattern for a mention", () => {
    expect(mentions("Alice is here", "Alice")).toBe(false);
    expect(mentions("@Alicia", "Alice")).toBe(false);
    expect(mentions("@Alice_2", "Alice")).toBe(false);
    expect(mentions("mail bob@alice.com", "alice")).toBe(false);
    expect(mentions("@Al", "A.")).toBe(false);
    expect(mentions("@anything", ".*")).toBe(false);
    expect(mentions("@Mary", "Mary Ann")).toBe(false);
    expect(mentions("@", "")).toBe(false);
  });

  it("takes every printable character in a name literally", () => {
    for (let code = 0x21; code < 0x7f; code++) {
      const name = `Jean${String.fromCharCode(code)}Luc`;
      expect(mentions(`hi @${name}`, name), name).toBe(true);
      expect(mentions(`hi @JeanXLuc`, name), name).toBe(code === 0x58 || code === 0x78);
    }
  });

  it("takes a mention for the longest name it can be: @Mary Ann is not Mary's", () => {
    const names = knownNames({
      members: [{ name: "Mary" }, { name: "Bob" }],
      messages: [{ author: { name: "Mary Ann" } }, { author: { name: "mary-kate" } }],
    });
    expect([...names]).toEqual(["Mary", "Bob", "Mary Ann", "mary-kate"]);
    const longer = namesExtending("Mary", names);
    expect(longer).toEqual(["Mary Ann", "mary-kate"]);
    const mary = mentionOf("Mary", longer);
    expect(mary("@Mary Ann can you review?")).toBe(false);
    expect(mary("@mary ann and @Mary-Kate")).toBe(false);
    expect(mary("@Mary Ann, then @Mary")).toBe(true);
    expect(mary("@Mary Anne?")).toBe(true);
    expect(mary("@Mary, can you review?")).toBe(true);
    expect(mentionOf("Mary Ann", namesExtending("Mary Ann", names))("@Mary Ann can you review?")).toBe(true);
  });

  it("finds none in a quote (it was the quoted message's) or in code", () => {
    expect(mentions("> @Alice said so\nagreed", "Alice")).toBe(false);
    expect(mentions("> @Alice said so\n@Bob agreed", "Bob")).toBe(true);
    expect(mentions("type `@Alice` to mention her", "Alice")).toBe(false);
    expect(mentions("```\nping @Alice\n```", "Alice")).toBe(false);
    expect(mentions("> `@Alice`", "Alice")).toBe(false);
    expect(mentions("> ```\n> ping @Alice\n> ```\nok", "Alice")).toBe(false);
    expect(mentions("`x` then @Alice", "Alice")).toBe(true);
    expect(mentions("an open ` then @Alice", "Alice")).toBe(true);
  });
});
