import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RoomNotFound } from "../src/components/room/RoomNotFound";

const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("RoomNotFound", () => {
  it("shows what was written in the room and not sent, to copy elsewhere", () => {
    const html = renderToStaticMarkup(
      createElement(RoomNotFound, {
        unsent: [
          { clientMessageId: "c1", text: "See you at <b>noon</b>" },
          { clientMessageId: "c2", text: "Bring the slides" },
        ],
      }),
    );
    expect(textOf(html)).toContain("What you wrote here and was not sent");
    expect(html).toContain("See you at &lt;b&gt;noon&lt;/b&gt;");
    expect(html).toContain("Bring the slides");
  });

  it("says nothing of unsent messages when there are none", () => {
    expect(textOf(renderToStaticMarkup(createElement(RoomNotFound)))).not.toContain("not sent");
  });
});
