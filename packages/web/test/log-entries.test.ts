import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageEntry, PendingEntry } from "../src/components/room/LogEntries";
import type { PendingMessage } from "../src/lib/room-state";
import { message } from "./fixtures";

const noActions = { retry: () => {}, discard: () => {} };

function render(pending: PendingMessage): string {
  return renderToStaticMarkup(createElement(PendingEntry, { pending, author: "Alice", actions: noActions }));
}

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("PendingEntry", () => {
  const sending = { clientMessageId: "c1", text: "Hello", createdAt: "2025-01-02T03:04:05.000Z" };

  it("shows a message on its way as busy, sending…, with no actions", () => {
    const html = render(sending);
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('data-pending="sending"');
    expect(textOf(html)).toMatch(/^Alice \d{2}:\d{2} sending… Hello$/);
    expect(html).not.toContain("<button");
  });

  it("shows a given-up message as not sent, with why, and buttons to retry or discard it", () => {
    const html = render({ ...sending, failed: "The server failed: Internal server error" });
    expect(html).toContain('aria-busy="false"');
    expect(html).toContain('data-pending="failed"');
    expect(textOf(html)).toMatch(
      /^Alice \d{2}:\d{2} not sent Hello The server failed: Internal server error Retry Discard$/,
    );
    // Each button is described by the message it acts on (several may be shown).
    const textId = html.match(/<div id="([^"]+)"[^>]*>Hello<\/div>/)?.[1];
    expect(textId).toBeDefined();
    const buttons = html.match(/<button type="button"[^>]*>(Retry|Discard)<\/button>/g) ?? [];
    expect(buttons).toHaveLength(2);
    for (const button of buttons) expect(button).toContain(`aria-describedby="${textId}"`);
  });
});

describe("MessageEntry's code", () => {
  const render = (text: string) =>
    renderToStaticMarkup(createElement(MessageEntry, { message: message("01", { text }), tone: "other" }));

  it("shows `code` inline and ```blocks``` as preformatted, with markup and addresses in them as text", () => {
    const html = render("Run `npm start`, see https://example.com/a\n```\n<b>x</b> https://example.com/b\n```");
    expect(html).toMatch(
      /Run <code class="[^"]*font-mono[^"]*">npm start<\/code>, see <a href="https:\/\/example.com\/a"/,
    );
    expect(html).toMatch(/<pre class="[^"]*"><code>&lt;b&gt;x&lt;\/b&gt; https:\/\/example.com\/b<\/code><\/pre>/);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it("shows the same formatting on a message still being sent", () => {
    const html = renderToStaticMarkup(
      createElement(PendingEntry, {
        pending: { clientMessageId: "c1", text: "try `ls`", createdAt: "2025-01-02T03:04:05.000Z" },
        author: "Alice",
        actions: noActions,
      }),
    );
    expect(html).toMatch(/try <code class="[^"]*">ls<\/code>/);
  });
});

describe("MessageEntry in a group", () => {
  const render = (continued: boolean, tone: "other" | "mentionsYou" = "other") =>
    renderToStaticMarkup(createElement(MessageEntry, { message: message("02"), tone, continued }));

  it("leaves the header of a message that continues its author's group to screen readers", () => {
    const html = render(true);
    expect(html).toMatch(/<p class="sr-only"><span[^>]*>Alice<\/span><time/);
    expect(html).toContain('data-continued="true"');
    expect(html).toMatch(/<div role="listitem" [^>]*title="[^"]*2025[^"]*"/);
    expect(render(false)).not.toContain("sr-only");
  });

  it("keeps the header, and its mentions you, on a message that mentions you", () => {
    const html = render(true, "mentionsYou");
    expect(html).not.toContain("sr-only");
    expect(textOf(html)).toContain("mentions you");
  });
});

describe("MessageEntry's quotes and reply", () => {
  it("shows lines starting with > as a quote, code and links in it as anywhere", () => {
    const html = renderToStaticMarkup(
      createElement(MessageEntry, {
        message: message("01", { text: "> Run `ls` at https://example.com/a\nDone" }),
        tone: "other",
      }),
    );
    expect(html).toMatch(
      /<blockquote class="[^"]*">Run <code class="[^"]*">ls<\/code> at <a href="https:\/\/example.com\/a"[^>]*>https:\/\/example.com\/a<\/a><\/blockquote>Done<\/div>/,
    );
  });

  it("offers Reply, named for the author, in the tab order only where it is the log's stop", () => {
    const control = { reply: () => {}, onFocus: () => {}, onKeyDown: () => {} };
    const render = (tabStop: boolean) =>
      renderToStaticMarkup(
        createElement(MessageEntry, { message: message("01"), tone: "other", reply: control, tabStop }),
      );
    expect(render(true)).toMatch(/<button type="button" tabindex="0" aria-label="Reply to Alice"[^>]*>Reply<\/button>/);
    expect(render(false)).toMatch(
      /<button type="button" tabindex="-1" aria-label="Reply to Alice"[^>]*>Reply<\/button>/,
    );
    const without = renderToStaticMarkup(createElement(MessageEntry, { message: message("01"), tone: "other" }));
    expect(without).not.toContain("<button");
  });
});
