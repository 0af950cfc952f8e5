import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MembersPanel } from "../src/components/room/MembersPanel";

const alice = { id: "member-a", name: "Alice" };
const bob = { id: "member-b", name: "Bob" };

function text(members: (typeof alice)[], count: number | null): string {
  const html = renderToStaticMarkup(createElement(MembersPanel, { members, count, youId: alice.id }));
  return html.replace(/<[^>]+>/g, "");
}

describe("MembersPanel", () => {
  it("lists the names in the element named Members, with the count in the heading", () => {
    const html = renderToStaticMarkup(
      createElement(MembersPanel, { members: [alice, bob], count: 2, youId: alice.id }),
    );
    expect(html).toMatch(
      /<ul aria-label="Members"[^>]*><li[^>]*>Alice<span[^>]*> \(you\)<\/span><\/li><li[^>]*>Bob<\/li><\/ul>/,
    );
    expect(text([alice, bob], 2)).toBe("Members (2)Alice (you)Bob");
  });

  it("counts the names until the count is known", () => {
    expect(text([alice, bob], null)).toBe("Members (2)Alice (you)Bob");
  });

  it("says how many others there are when the count exceeds the names known", () => {
    expect(text([alice, bob], 523)).toBe("Members (523)Alice (you)Boband 521 others");
    expect(text([alice, bob], 3)).toBe("Members (3)Alice (you)Boband 1 other");
  });
});
