import { launchChromium } from "@chat/test-support/chromium";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./support/accessibility";
import { collectPageErrors, saveScreenshot } from "./support/browser";
import { coloursOf } from "./support/contrast";
import {
  connectedStatus,
  distanceFromBottom,
  entryAfterNewLine,
  membersList,
  messageBox,
  messageEntry,
  messageLog,
  openRoomAs,
  sendMessage,
  setVisibility,
  waitForMessage,
} from "./support/room-page";
import { routeSendMessage, type SendMessageFate } from "./support/route-messages";
import { freshSettings, type Runtime, type RuntimeSettings, startRuntime } from "./support/runtime";
import { lockSite } from "./support/site-lock";
import { sendWithWebSocket } from "./support/ws-client";

// The browser tests share one runtime and one Chromium; each makes its own room and pages,
// so any one of them runs alone (`-t`) or in any order. Every test also checks that its
// pages raised no script errors.
describe("chat in the browser", () => {
  let settings: RuntimeSettings;
  let runtime: Runtime;
  let browser: Browser;
  let pageErrors: string[] = [];
  let openPages: Page[] = [];
  let rooms = 0;
  let releaseSite: (() => void) | undefined;

  // Waits its turn for the site's build (see support/site-lock.ts), then holds it to the end.
  beforeAll(async () => {
    releaseSite = await lockSite("packages/web/e2e/chat.test.ts");
    settings = await freshSettings();
    [runtime, browser] = await Promise.all([startRuntime(settings), launchChromium()]);
  }, 900_000);

  afterEach(async () => {
    await Promise.all(openPages.map((page) => page.context().close()));
    openPages = [];
    const errors = pageErrors;
    pageErrors = [];
    expect(errors, "script errors in the pages").toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    releaseSite?.();
  });

  /** A page of its own browser context; `displayName` already remembered (skips the "Your name" step). */
  async function newPage(displayName?: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    if (displayName)
      await context.addInitScript((name) => window.localStorage.setItem("chat.displayName", name), displayName);
    const page = await context.newPage();
    collectPageErrors(page, pageErrors);
    openPages.push(page);
    return page;
  }

  /** A new room (through the API), with its name, id and page URL. */
  async function newRoom(prefix = "Room") {
    const name = `${prefix} ${++rooms} ${Date.now().toString(36)}`;
    const response = await fetch(`${runtime.apiUrl}/rooms`, { method: "POST", body: JSON.stringify({ name }) });
    expect(response.status).toBe(201);
    const { room } = (await response.json()) as { room: { id: string } };
    return { name, id: room.id, url: `${runtime.webUrl}/rooms/${encodeURIComponent(room.id)}` };
  }

  /** The texts the server stored in a room, oldest first (its newest page of history). */
  async function storedTexts(roomId: string): Promise<string[]> {
    const history = await fetch(`${runtime.apiUrl}/rooms/${roomId}/messages`);
    const { messages } = (await history.json()) as { messages: { text: string }[] };
    return messages.map((message) => message.text);
  }

  /** A new room with Alice and Bob in it, each on a page of their own. */
  async function aliceAndBob() {
    const room = await newRoom();
    const alice = await newPage("Alice");
    const bob = await newPage("Bob");
    await openRoomAs(alice, room.url, "Alice");
    await openRoomAs(bob, room.url, "Bob");
    await membersList(alice).getByText("Bob").waitFor();
    return { room, alice, bob };
  }

  it("creates a room from the start page and joins it with a display name", async () => {
    const alice = await newPage();
    const roomName = `Team room ${Date.now().toString(36)}`;
    await alice.goto(runtime.webUrl);
    await alice.getByRole("link", { name: "Join room" }).waitFor();
    await saveScreenshot(alice, "home");

    await alice.getByRole("link", { name: "Create room" }).click();
    await alice.getByRole("textbox", { name: "Room name" }).fill(roomName);
    await saveScreenshot(alice, "create-room");
    await alice.getByRole("button", { name: "Create" }).click();
    await alice.waitForURL(/\/rooms\/[^/]+$/);
    const roomUrl = alice.url();
    await alice.getByRole("textbox", { name: "Your name" }).waitFor();
    await saveScreenshot(alice, "room-join");

    await openRoomAs(alice, roomUrl, "Alice");
    expect(await alice.getByRole("heading", { level: 1 }).textContent()).toBe(roomName);
    await membersList(alice).getByText("Alice").waitFor();
  });

  it("lists the room with its member count, and a second person joins from the list", async () => {
    const room = await newRoom("Listed room");
    const alice = await newPage("Alice");
    await openRoomAs(alice, room.url, "Alice");

    const bob = await newPage();
    await bob.goto(`${runtime.webUrl}/rooms`);
    const roomLink = bob.getByRole("link", { name: room.name, exact: true });
    await roomLink.waitFor();
    const row = bob.getByRole("listitem").filter({ has: roomLink });
    await row.getByText("1 member").waitFor();
    await saveScreenshot(bob, "room-list");

    const find = bob.getByRole("searchbox", { name: "Find a room" });
    await find.fill(room.name.slice(-8).toUpperCase());
    expect(await bob.getByRole("list").getByRole("link").allTextContents()).toEqual([room.name]);
    await find.fill("no such room anywhere");
    await bob.getByRole("status").filter({ hasText: "No room name contains “no such room anywhere”" }).waitFor();
    await find.fill("");

    await roomLink.click();
    await openRoomAs(bob, room.url, "Bob");
    await membersList(alice).getByText("Bob").waitFor();
    await messageLog(alice).getByText("Bob joined").waitFor();

    const listPage = await bob.context().newPage();
    await listPage.goto(`${runtime.webUrl}/rooms`);
    await listPage
      .getByRole("listitem")
      .filter({ has: listPage.getByRole("link", { name: room.name }) })
      .getByText("2 members")
      .waitFor();
  });

  it("delivers messages in both directions with author and time, one author's run as a group", async () => {
    const { alice, bob } = await aliceAndBob();
    await sendMessage(alice, "Hello Bob");
    await waitForMessage(bob, "Hello Bob");
    // A screen reader is told of a message from someone else as it comes, not of one's own.
    const announced = (page: Page) => page.locator("[data-announcer]").textContent();
    expect(await messageLog(bob).getAttribute("aria-live")).toBe("off");
    await expect.poll(() => announced(bob)).toBe("Alice: Hello Bob");
    expect(await announced(alice)).toBe("");
    // Sent with the button, by a click or from the keyboard, the message box keeps the focus.
    await messageBox(alice).fill("A second one from Alice");
    await alice.getByRole("button", { name: "Send", exact: true }).click();
    await waitForMessage(bob, "A second one from Alice");
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe("message-input");
    await messageBox(bob).fill("Hi Alice!");
    await bob.keyboard.press("Tab");
    expect(await bob.evaluate(() => document.activeElement?.textContent)).toBe("Send");
    await bob.keyboard.press("Space");
    await waitForMessage(alice, "Hi Alice!");
    expect(await bob.evaluate(() => document.activeElement?.id)).toBe("message-input");
    await waitForMessage(alice, "Hello Bob");

    const entry = messageEntry(bob, "Hello Bob");
    expect(await entry.textContent()).toMatch(/Alice\s*\d{2}:\d{2}\s*Hello Bob/);
    // The next one continues Alice's group: its header is there for screen readers only.
    const second = messageEntry(bob, "A second one");
    expect(await second.getAttribute("data-continued")).toBe("true");
    expect(await second.textContent()).toMatch(/Alice\s*\d{2}:\d{2}\s*A second one from Alice/);
    expect((await second.locator("p").first().boundingBox())?.height).toBeLessThanOrEqual(1);
    expect(await entry.getAttribute("data-continued")).toBeNull();
    // Pointing at the time shows the whole date and time.
    const sentAt = new Date((await entry.locator("time").getAttribute("datetime")) ?? "");
    expect(await entry.locator("time").getAttribute("title")).toContain(String(sentAt.getFullYear()));
    // Today's messages come under a "Today" heading (a run across midnight shows "Yesterday" too).
    const days = await messageLog(bob).locator('[data-divider="day"]').allTextContents();
    expect(days.at(-1)).toBe("Today");
    expect(days.length).toBeLessThanOrEqual(2);
    expect(await alice.locator("[data-pending]").count()).toBe(0);
  });

  it("shows text as text, web addresses as links, `code` as code, mentions of you marked, and wraps long words", async () => {
    const { alice, bob } = await aliceAndBob();
    const markup = '<img src=x onerror="window.__xss=1"><b>bold</b>';
    const longWord = "W".repeat(400);
    await sendMessage(alice, markup);
    await sendMessage(alice, "Docs: https://example.com/docs?page=2. Not this: javascript:alert(1)");
    await sendMessage(alice, longWord);
    await waitForMessage(bob, longWord.slice(0, 50));
    await waitForMessage(bob, "<b>bold</b>");
    expect(await messageLog(bob).locator("b, img").count()).toBe(0);
    const links = messageLog(bob).locator("a");
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute("href")).toBe("https://example.com/docs?page=2");
    expect(await links.getAttribute("target")).toBe("_blank");
    expect(await bob.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    const overflow = await messageLog(bob).evaluate((log) => log.scrollWidth - log.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await sendMessage(alice, "Try `npm start` with\n```\nPORT=3000 <b>x</b> https://example.com/in-code\n```");
    await waitForMessage(bob, "Try npm start");
    const code = messageEntry(bob, "Try npm start");
    expect(await code.locator("code").first().textContent()).toBe("npm start");
    expect(await code.locator("pre").textContent()).toBe("PORT=3000 <b>x</b> https://example.com/in-code");
    expect(await code.getByRole("link").count()).toBe(0);
    // A code line wider than the log scrolls inside its block; the page stays as wide as the window.
    await sendMessage(alice, `\`\`\`\n${"a long line of code ".repeat(30)}\n\`\`\``);
    await waitForMessage(bob, "a long line of code a long line");
    const wideBlock = messageEntry(bob, "a long line of code a long line").locator("pre");
    expect(await wideBlock.evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
    expect(await bob.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await sendMessage(bob, "@alice, have a look");
    await sendMessage(bob, "Alice, without an @ before the name");
    await waitForMessage(alice, "Alice, without an @ before the name");
    const marked = messageLog(alice).locator("[data-mentions-you]");
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toContain("mentions you");
    expect(await marked.textContent()).toContain("@alice, have a look");
    await saveScreenshot(alice, "mentions-you");
    expect(await messageLog(bob).locator("[data-mentions-you]").count()).toBe(0);

    // Hebrew and Arabic read from right to left, in the log and in the box as it is written.
    await messageBox(bob).fill("שלום, מה שלומך?");
    expect(await messageBox(bob).evaluate((box) => box.matches(":dir(rtl)"))).toBe(true);
    await messageBox(bob).press("Enter");
    await waitForMessage(alice, "שלום, מה שלומך?");
    const direction = (text: string) =>
      messageEntry(alice, text)
        .locator("[data-message-text]")
        .evaluate((element) => (element.matches(":dir(rtl)") ? "rtl" : "ltr"));
    expect(await direction("שלום, מה שלומך?")).toBe("rtl");
    expect(await direction("Alice, without an @")).toBe("ltr");
  });

  it("offers the others' names after @, and puts the one chosen in the message", async () => {
    const { room, alice, bob } = await aliceAndBob();
    const mary = await newPage("Mary Ann");
    await openRoomAs(mary, room.url, "Mary Ann");
    await membersList(alice).getByText("Mary Ann").waitFor();
    const box = messageBox(alice);
    const offered = alice.getByRole("listbox", { name: "People to mention" }).getByRole("option");
    const offeredNames = () => offered.allTextContents();

    await box.pressSequentially("hi @");
    await offered.first().waitFor();
    expect(await offeredNames()).toEqual(["@Bob", "@Mary Ann"]);
    expect(await alice.getByRole("status").filter({ hasText: "People to mention" }).count()).toBe(1);
    await saveScreenshot(alice, "mention-suggestions");
    await box.pressSequentially("an");
    expect(await offeredNames()).toEqual(["@Mary Ann"]);
    expect(await box.getAttribute("aria-activedescendant")).toBe(await offered.first().getAttribute("id"));
    await box.press("Enter");
    expect(await box.inputValue()).toBe("hi @Mary Ann ");
    expect(await offered.count()).toBe(0);

    await box.pressSequentially("and @");
    await box.press("ArrowDown");
    expect(await offered.nth(1).getAttribute("aria-selected")).toBe("true");
    await box.press("ArrowDown");
    await box.press("Tab");
    expect(await box.inputValue()).toBe("hi @Mary Ann and @Bob ");

    await box.pressSequentially("cc @");
    await offered.filter({ hasText: "Mary Ann" }).click();
    expect(await box.inputValue()).toBe("hi @Mary Ann and @Bob cc @Mary Ann ");
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe("message-input");

    // Escape closes the list for this "@…": Enter then sends.
    await box.pressSequentially("@bo");
    await offered.first().waitFor();
    await box.press("Escape");
    await box.pressSequentially("b");
    expect(await offered.count()).toBe(0);
    await box.press("Enter");
    const sent = "hi @Mary Ann and @Bob cc @Mary Ann @bob";
    await waitForMessage(mary, sent);
    await waitForMessage(bob, sent);
    expect(await messageLog(mary).locator("[data-mentions-you]").textContent()).toContain(sent);
    expect(await messageLog(bob).locator("[data-mentions-you]").textContent()).toContain(sent);
  });

  it("replies to a message: Reply quotes it and mentions its author, who sees the quote", async () => {
    const { alice, bob } = await aliceAndBob();
    await sendMessage(bob, "Lunch at noon?\nOr one?");
    await sendMessage(bob, "Or later, a long line that runs on and on across the whole width of the message log");
    await waitForMessage(alice, "Or later");
    const asked = messageEntry(alice, "Lunch at noon?");
    const reply = asked.getByRole("button", { name: "Reply to Bob" });
    expect(await reply.evaluate((button) => getComputedStyle(button).opacity)).toBe("0");
    // Shown on hover, clear of the text: in the header's line, or, for a message in a group (no
    // header), on the bubble's top edge, between its text and the text of the message before
    // (2 px into a line's box is still its leading, above the letters).
    const clearOfText = async (entry: typeof asked, above?: typeof asked) => {
      await entry.hover();
      const button = entry.getByRole("button", { name: /^Reply to/ });
      await expect.poll(() => button.evaluate((element) => getComputedStyle(element).opacity)).toBe("1");
      const [box, text, textAbove] = await Promise.all([
        button.boundingBox(),
        entry.locator("[data-message-text]").boundingBox(),
        above?.locator("[data-message-text]").boundingBox(),
      ]);
      expect(box!.y + box!.height).toBeLessThanOrEqual(text!.y + 2);
      if (textAbove) expect(box!.y).toBeGreaterThanOrEqual(textAbove.y + textAbove.height - 2);
    };
    await clearOfText(asked);
    const later = messageEntry(alice, "Or later");
    expect(await later.getAttribute("data-continued")).toBe("true");
    await clearOfText(later, asked);
    await saveScreenshot(alice, "reply-on-hover");
    await asked.hover();
    await reply.click();

    const box = messageBox(alice);
    expect(await box.inputValue()).toBe("> Lunch at noon?\n> Or one?\n@Bob ");
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe("message-input");
    expect(await alice.getByRole("listbox", { name: "People to mention" }).count()).toBe(0);
    await box.pressSequentially("Noon works");
    await box.press("Enter");

    await waitForMessage(bob, "Noon works");
    const answer = messageEntry(bob, "Noon works");
    expect(await answer.locator("blockquote").textContent()).toBe("Lunch at noon?\nOr one?");
    expect(await answer.getAttribute("data-mentions-you")).toBe("true");
    await saveScreenshot(bob, "reply");

    // By keyboard: the log is one stop for Tab (the newest message's Reply), Up and Down move.
    const replies = messageLog(bob).getByRole("button", { name: /^Reply to/ });
    expect(await replies.evaluateAll((buttons) => buttons.map((button) => button.tabIndex))).toEqual([-1, -1, 0]);
    await messageBox(bob).focus();
    await bob.keyboard.press("Shift+Tab");
    expect(await bob.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Reply to Alice");
    await bob.keyboard.press("ArrowUp");
    await bob.keyboard.press("ArrowUp");
    expect(await bob.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Reply to Bob");
    expect(await replies.evaluateAll((buttons) => buttons.map((button) => button.tabIndex))).toEqual([0, -1, -1]);
    await bob.keyboard.press("Enter");
    expect(await messageBox(bob).inputValue()).toBe("> Lunch at noon?\n> Or one?\n");
  });

  it("shows '<name> is typing' to the others, and hides it again", async () => {
    const { alice, bob } = await aliceAndBob();
    await messageBox(bob).pressSequentially("I am wri", { delay: 30 });
    // The visible line (a live region repeats it for screen readers).
    const indicator = alice.getByText("Bob is typing").first();
    await indicator.waitFor({ timeout: 5_000 });
    await saveScreenshot(alice, "room-desktop");
    await indicator.waitFor({ state: "hidden", timeout: 8_000 });
  });

  it("does not send on the Enter that confirms an IME conversion, then sends Japanese on a real Enter", async () => {
    const { alice, bob } = await aliceAndBob();
    const box = messageBox(alice);
    await box.focus();
    await box.dispatchEvent("compositionstart", { data: "" });
    await alice.keyboard.insertText("にほんご");
    await box.evaluate((element) => {
      const init = { key: "Enter", code: "Enter", bubbles: true, cancelable: true, isComposing: true };
      element.dispatchEvent(new KeyboardEvent("keydown", init));
      element.dispatchEvent(new KeyboardEvent("keyup", init));
    });
    await box.dispatchEvent("compositionend", { data: "日本語" });
    await box.fill("日本語のテキスト");
    expect(await box.inputValue()).toBe("日本語のテキスト");

    await box.press("Enter");
    await waitForMessage(bob, "日本語のテキスト");
    expect(await box.inputValue()).toBe("");
    // Had the composing Enter sent anything, it would have reached Bob before the real one.
    expect(await messageLog(bob).getByText("にほんご").count()).toBe(0);
    // Alice's own echo is a post of its own, which may come after Bob's.
    await waitForMessage(alice, "日本語のテキスト");
    expect(await alice.locator("[data-pending]").count()).toBe(0);
  });

  it("keeps the history, your messages as yours, the display name and what was being written after a reload", async () => {
    const { alice, bob } = await aliceAndBob();
    await sendMessage(alice, "Hello Bob");
    await sendMessage(bob, "Hi Alice!");
    await waitForMessage(alice, "Hi Alice!");
    await waitForMessage(alice, "Hello Bob");
    await messageBox(alice).fill("Half a thought,\non two lines");

    await alice.reload();
    await connectedStatus(alice).waitFor();
    expect(await alice.getByRole("textbox", { name: "Your name" }).count()).toBe(0);
    await waitForMessage(alice, "Hello Bob");
    await waitForMessage(alice, "Hi Alice!");
    expect(await messageBox(alice).inputValue()).toBe("Half a thought,\non two lines");
    // The page is a new member now, and still shows its earlier message as its own (Bob's as his).
    expect(await messageEntry(alice, "Hello Bob").getAttribute("data-own")).toBe("true");
    expect(await messageEntry(alice, "Hi Alice!").getAttribute("data-own")).toBeNull();

    await messageBox(alice).press("Enter");
    await waitForMessage(bob, "Half a thought,");
    await alice.reload();
    await connectedStatus(alice).waitFor();
    expect(await messageBox(alice).inputValue()).toBe("");
  });

  it("changes your display name: the others see you leave and come back under the new one", async () => {
    const { alice, bob } = await aliceAndBob();
    await alice.getByRole("button", { name: "Change name" }).click();
    const nameBox = alice.getByRole("textbox", { name: "Your name" });
    expect(await nameBox.inputValue()).toBe("Alice");
    const focused = () => alice.evaluate(() => document.activeElement?.textContent);
    await alice.getByRole("button", { name: "Cancel" }).click();
    expect(await nameBox.count()).toBe(0);
    // The form gone (Cancel, Escape or Change), the focus is back on the button that opened it.
    expect(await focused()).toBe("Change name");
    await alice.getByRole("button", { name: "Change name" }).click();
    await nameBox.press("Escape");
    expect(await nameBox.count()).toBe(0);
    expect(await focused()).toBe("Change name");

    await alice.getByRole("button", { name: "Change name" }).click();
    await nameBox.fill("Alicia");
    await saveScreenshot(alice, "change-name");
    await alice.getByRole("button", { name: "Change", exact: true }).click();
    expect(await focused()).toBe("Change name");
    await messageLog(bob).getByText("Alicia joined", { exact: true }).waitFor();
    await messageLog(bob).getByText("Alice left", { exact: true }).waitFor();
    // Cancelling changed nothing: Alice left once, for the new name, and never came back as Alice.
    expect(await messageLog(bob).getByText("Alice left", { exact: true }).count()).toBe(1);
    expect(await messageLog(bob).getByText("Alice joined", { exact: true }).count()).toBe(0);
    await sendMessage(alice, "New name, same me");
    const entry = messageEntry(bob, "New name, same me");
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(/^Alicia/);
    await expect.poll(() => membersList(bob).getByRole("listitem").allTextContents()).toEqual(["Bob (you)", "Alicia"]);

    // Remembered for the next visit (a reload here would take the name newPage plants at each load).
    expect(await alice.evaluate(() => window.localStorage.getItem("chat.displayName"))).toBe("Alicia");
  });

  /** A message with each kind of text a room shows (a link, code, a quote, a mention of Alice), for the checks on how they look. */
  const textOfEveryKind = [
    "From Bob: https://example.com/docs",
    "Run `npm start`, then:\n```\ncurl -X POST 127.0.0.1:3001/rooms\n```",
    "> quoted words\nan answer",
    "@Alice, a mention",
  ];

  for (const colorScheme of ["light", "dark"] as const) {
    it(`keeps text readable in a ${colorScheme} colour scheme (WCAG AA contrast)`, async () => {
      const room = await newRoom("Colours");
      await sendWithWebSocket(runtime.wsUrl, room.id, "Bob", textOfEveryKind);
      const page = await newPage("Alice", { colorScheme });
      // One message stays "sending…": the server stores it, and the page never sees its echo.
      await routeSendMessage(page, (text) => (text === "Still sending" ? "hideEcho" : "deliver"));
      await openRoomAs(page, room.url, "Alice");
      await sendMessage(page, "My own message");
      await waitForMessage(page, "My own message");
      await sendMessage(page, "Still sending");
      await waitForMessage(page, "@Alice, a mention");
      await saveScreenshot(page, `room-${colorScheme}`);

      const log = messageLog(page);
      const texts = {
        "a message": messageEntry(page, "From Bob").locator("[data-message-text]"),
        "its author": messageEntry(page, "From Bob").getByText("Bob", { exact: true }),
        "its time": messageEntry(page, "From Bob").locator("time"),
        "a link in it": messageEntry(page, "From Bob").getByRole("link"),
        "your message": messageEntry(page, "My own message").locator("[data-message-text]"),
        "your message's time": messageEntry(page, "My own message").locator("time"),
        "a mention": messageEntry(page, "a mention").locator("[data-message-text]"),
        "inline code": messageEntry(page, "Run").locator("code").first(),
        "a code block": messageEntry(page, "Run").locator("pre"),
        "a quote": messageEntry(page, "an answer").locator("blockquote"),
        "mentions you": messageEntry(page, "a mention").getByText("mentions you"),
        "a message being sent": page.locator('[data-pending="sending"] [data-message-text]'),
        "sending…": page.locator('[data-pending="sending"]').getByText("sending…"),
        "the day heading": log.locator('[data-divider="day"]').first(),
        "a member": membersList(page).getByRole("listitem").first(),
        "Copy link": page.getByRole("button", { name: "Copy link" }),
        "the status": connectedStatus(page),
        "the room's name": page.getByRole("heading", { level: 1 }),
      };
      for (const [what, locator] of Object.entries(texts)) {
        const colours = await coloursOf(locator);
        expect(colours.contrast, `${what}: contrast ${colours.contrast.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
      const body = await coloursOf(page.locator("body"));
      if (colorScheme === "dark") expect(body.background).toBeLessThan(0.1);
      else expect(body.background).toBeGreaterThan(0.9);
    });
  }

  it("passes axe-core's accessibility checks on every page, in both colour schemes", async () => {
    const room = await newRoom("Checked");
    await sendWithWebSocket(runtime.wsUrl, room.id, "Bob", textOfEveryKind);
    // Someone present, for the names offered after "@".
    await openRoomAs(await newPage("Bob"), room.url, "Bob");
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await newPage("Alice", { colorScheme });
      const checked: Record<string, string[]> = {};
      const check = async (what: string) => {
        checked[`${what} (${colorScheme})`] = await accessibilityViolations(page);
      };
      await page.goto(runtime.webUrl);
      await page.getByRole("link", { name: "Create room" }).waitFor();
      await check("start page");
      await page.goto(`${runtime.webUrl}/create`);
      await page.getByRole("textbox", { name: "Room name" }).waitFor();
      await check("create page");
      await page.goto(`${runtime.webUrl}/rooms`);
      await page.getByRole("link", { name: room.name, exact: true }).waitFor();
      await check("room list");
      await openRoomAs(page, room.url, "Alice");
      await waitForMessage(page, "@Alice, a mention");
      await sendMessage(page, "My own message");
      await waitForMessage(page, "My own message");
      await messageBox(page).pressSequentially("cc @");
      await page.getByRole("listbox", { name: "People to mention" }).waitFor();
      await check("room, with names offered");
      await messageBox(page).press("Escape");
      await page.getByRole("button", { name: "Change name" }).click();
      await page.getByRole("button", { name: "Cancel" }).waitFor();
      await check("room, changing the name");
      await page.goto(`${runtime.webUrl}/rooms/no-such-room-${Date.now()}`);
      await page.getByText("Room not found").waitFor();
      await check("unknown room");
      expect(checked).toEqual(Object.fromEntries(Object.keys(checked).map((what) => [what, []])));
    }
  });

  it("lays the room out for a 390x844 phone", async () => {
    const room = await newRoom();
    await sendWithWebSocket(runtime.wsUrl, room.id, "Alice", ["日本語のテキスト"]);
    const phone = await newPage("Carol", { viewport: { width: 390, height: 844 } });
    await openRoomAs(phone, room.url, "Carol");
    await waitForMessage(phone, "日本語のテキスト");
    await membersList(phone).getByText("Carol").waitFor();
    const pageOverflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(pageOverflow).toBeLessThanOrEqual(0);
    expect(await messageBox(phone).isVisible()).toBe(true);
    await saveScreenshot(phone, "room-phone");
  });

  it("copies the room's link to share, and shows it to copy by hand where the clipboard is refused", async () => {
    const room = await newRoom("Shared");
    const page = await newPage("Grace");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: runtime.webUrl });
    await openRoomAs(page, `${room.url}?from=invite#latest`, "Grace");
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByRole("status").filter({ hasText: "Link copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(room.url);

    const withoutClipboard = await newPage("Heidi");
    await withoutClipboard.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get: () => undefined }),
    );
    await openRoomAs(withoutClipboard, room.url, "Heidi");
    await withoutClipboard.getByRole("button", { name: "Copy link" }).click();
    const linkBox = withoutClipboard.getByRole("textbox", { name: "Room link" });
    expect(await linkBox.inputValue()).toBe(room.url);
    expect(
      await linkBox.evaluate(
        (box: HTMLInputElement) => document.activeElement === box && box.selectionEnd === box.value.length,
      ),
    ).toBe(true);
  });

  it("reconnects by itself after a server restart and backfills what it missed", { timeout: 150_000 }, async () => {
    const { room, alice, bob } = await aliceAndBob();
    // Something to backfill after: the reconnect asks for what came after the last message seen.
    await sendMessage(bob, "before the restart");
    await waitForMessage(alice, "before the restart");
    await runtime.stop();
    try {
      await alice.getByRole("status").filter({ hasText: "Reconnecting…" }).waitFor({ timeout: 15_000 });
      await saveScreenshot(alice, "room-reconnecting");
      // Keep Alice's browser off the network while another client talks, so that the message
      // can only reach her through the after= backfill.
      await alice.context().setOffline(true);
    } finally {
      runtime = await startRuntime(settings, { reuseBuild: true });
    }
    await sendWithWebSocket(runtime.wsUrl, room.id, "Dave", ["sent while Alice was away"]);
    // Offline, she has no connection it could have come through.
    expect(await connectedStatus(alice).count()).toBe(0);
    expect(await messageLog(alice).getByText("sent while Alice was away").count()).toBe(0);

    const backfill = alice.waitForRequest(
      (request) => request.url().includes(`/messages?`) && request.url().includes("after="),
      {
        timeout: 30_000,
      },
    );
    await alice.context().setOffline(false);
    await backfill;
    await waitForMessage(alice, "sent while Alice was away", 30_000);
    await connectedStatus(alice).waitFor();

    // No duplicates after the merge.
    const ids = await messageLog(alice)
      .locator("[data-message-id]")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-message-id")));
    expect(new Set(ids).size).toBe(ids.length);

    // And the live connection works again both ways.
    await sendMessage(alice, "back online");
    await waitForMessage(bob, "back online", 30_000);
  });

  it("keeps a message the server kept failing on as not sent, to retry or discard", async () => {
    const room = await newRoom();
    const alice = await newPage("Alice");
    const bob = await newPage("Bob");
    const failing = new Set(["Try me again", "Never mind"]);
    await routeSendMessage(alice, (text) => (failing.has(text) ? "fail" : "deliver"));
    await openRoomAs(alice, room.url, "Alice");
    await openRoomAs(bob, room.url, "Bob");

    const failed = (text: string) => messageLog(alice).locator('[data-pending="failed"]').filter({ hasText: text });
    for (const text of failing) {
      await sendMessage(alice, text);
      await failed(text).getByText("not sent").waitFor({ timeout: 20_000 });
    }
    await saveScreenshot(alice, "message-not-sent");
    failing.clear();

    await failed("Never mind").getByRole("button", { name: "Discard" }).click();
    await failed("Never mind").waitFor({ state: "detached" });
    await failed("Try me again").getByRole("button", { name: "Retry" }).click();
    await waitForMessage(bob, "Try me again");
    await waitForMessage(alice, "Try me again");
    expect(await alice.locator("[data-pending]").count()).toBe(0);

    expect(await storedTexts(room.id)).toEqual(["Try me again"]);
    expect(await messageLog(bob).getByText("Never mind").count()).toBe(0);
  });

  it("keeps what was written and not confirmed across a reload, and stores each message once", async () => {
    const room = await newRoom();
    const alice = await newPage("Alice");
    const bob = await newPage("Bob");
    const fates = new Map<string, SendMessageFate>([
      ["Not this one", "fail"],
      ["Stored, echo lost", "hideEcho"],
    ]);
    await routeSendMessage(alice, (text) => fates.get(text) ?? "deliver");
    await openRoomAs(alice, room.url, "Alice");
    await openRoomAs(bob, room.url, "Bob");
    const pending = (state: "failed" | "sending", text: string) =>
      messageLog(alice).locator(`[data-pending="${state}"]`).filter({ hasText: text });

    await sendMessage(alice, "Not this one");
    await pending("failed", "Not this one").waitFor({ timeout: 20_000 });
    await sendMessage(alice, "Stored, echo lost");
    await waitForMessage(bob, "Stored, echo lost");
    // Kept with where it was sent, so that the reload looks for it back to there, however
    // many messages come after it: one sent straight from Enter too.
    const kept = await alice.evaluate(
      (roomId) => JSON.parse(sessionStorage.getItem(`chat.unsent.${roomId}`) ?? "[]") as { text: string }[],
      room.id,
    );
    expect(kept.find((entry) => entry.text === "Stored, echo lost")).toHaveProperty("sentAfter");
    // Messages go one at a time: this one waits for the echo that never comes.
    await sendMessage(alice, "Written, not sent");
    await pending("sending", "Written, not sent").waitFor();
    expect(await pending("sending", "Stored, echo lost").count()).toBe(1);

    fates.clear();
    await alice.reload();
    await waitForMessage(bob, "Written, not sent");
    await waitForMessage(alice, "Written, not sent");
    await pending("failed", "Not this one").getByRole("button", { name: "Retry" }).waitFor();
    expect(await alice.locator('[data-pending="sending"]').count()).toBe(0);
    expect(await storedTexts(room.id)).toEqual(["Stored, echo lost", "Written, not sent"]);
  });

  it("stores each message once, in order, when the connection keeps dropping as they are sent", async () => {
    const room = await newRoom();
    const alice = await newPage("Alice");
    const bob = await newPage("Bob");
    const texts = Array.from({ length: 12 }, (_, index) => `Through the drops ${index + 1}`);
    // Every other message drops the connection: before the server has it, or as it hands it over.
    const fates: SendMessageFate[] = ["deliver", "dropBefore", "deliver", "dropAfter"];
    const sends = new Map<string, number>();
    await routeSendMessage(alice, (text) => {
      const attempt = sends.get(text) ?? 0;
      sends.set(text, attempt + 1);
      return attempt > 0 ? "deliver" : fates[texts.indexOf(text) % fates.length]!;
    });
    await openRoomAs(alice, room.url, "Alice");
    await openRoomAs(bob, room.url, "Bob");

    for (const text of texts) await sendMessage(alice, text);
    await waitForMessage(bob, texts.at(-1)!, 60_000);
    await waitForMessage(alice, texts.at(-1)!, 60_000);

    expect(await storedTexts(room.id)).toEqual(texts);
    for (const page of [alice, bob]) {
      const shown = await messageLog(page).locator("[data-message-id] [data-message-text]").allTextContents();
      expect(shown).toEqual(texts);
    }
    expect(await alice.locator("[data-pending]").count()).toBe(0);
    expect([...sends.values()].some((count) => count > 1)).toBe(true);
  });

  it("counts what arrives while the tab is in the background in its title", async () => {
    const { room, alice, bob } = await aliceAndBob();
    const title = `${room.name} · Chat`;
    expect(await alice.title()).toBe(title);
    await setVisibility(alice, "hidden");
    await sendMessage(bob, "Are you there?");
    await sendMessage(bob, "Hello?");
    await sendMessage(alice, "Typed from the background");
    await waitForMessage(alice, "Typed from the background");
    await alice.waitForFunction((expected) => document.title === expected, `(2) ${title}`);

    await setVisibility(alice, "visible");
    await alice.waitForFunction((expected) => document.title === expected, title);
  });

  it("marks where the messages that came in the background start, and keeps the reader there", async () => {
    const { room, alice } = await aliceAndBob();
    // Each batch is taller than the log (800 px window), so that the line can be scrolled to the top.
    const earlier = Array.from({ length: 15 }, (_, index) => `Read before ${index + 1}`);
    await sendWithWebSocket(runtime.wsUrl, room.id, "Carol", earlier);
    await waitForMessage(alice, "Read before 15");

    await setVisibility(alice, "hidden");
    const unread = Array.from({ length: 15 }, (_, index) => `Came while away ${index + 1}`);
    await sendWithWebSocket(runtime.wsUrl, room.id, "Carol", unread);
    await waitForMessage(alice, "Came while away 15");
    const log = messageLog(alice);
    const line = log.locator('[data-divider="unread"]');
    expect(await line.textContent()).toBe("New");
    expect(await entryAfterNewLine(alice)).toContain("Came while away 1");
    const lineFromTop = () =>
      line.evaluate((element) => {
        const container = element.closest('[role="log"]') as Element;
        return element.getBoundingClientRect().top - container.getBoundingClientRect().top;
      });
    expect(await lineFromTop()).toBeGreaterThanOrEqual(0);
    expect(await lineFromTop()).toBeLessThan(40);
    await alice.getByRole("button", { name: "New messages" }).waitFor();
    await saveScreenshot(alice, "unread-line");

    await setVisibility(alice, "visible");
    expect(await line.count()).toBe(1);
    await sendMessage(alice, "Back now");
    await waitForMessage(alice, "Back now");
    expect(await line.count()).toBe(0);
  });

  it("notifies of a mention that comes while the tab is in the background, once turned on", async () => {
    const room = await newRoom();
    const alice = await newPage("Alice");
    await alice.context().grantPermissions(["notifications"], { origin: runtime.webUrl });
    // Records each notification the page makes (the headless shell has no screen to show it on).
    await alice.addInitScript(() => {
      const record: { title: string; body?: string; tag?: string }[] = [];
      Object.assign(window, { notified: record });
      const Shown = window.Notification;
      window.Notification = class extends Shown {
        constructor(title: string, options?: NotificationOptions) {
          record.push({ title, body: options?.body, tag: options?.tag });
          super(title, options);
        }
      };
    });
    const bob = await newPage("Bob");
    await openRoomAs(alice, room.url, "Alice");
    await openRoomAs(bob, room.url, "Bob");
    const notified = () => alice.evaluate(() => (window as unknown as { notified: { body?: string }[] }).notified);
    const notifiedCount = (count: number) =>
      alice.waitForFunction((count) => (window as unknown as { notified: unknown[] }).notified.length === count, count);
    const toggle = alice.getByRole("checkbox", { name: "Notify me of mentions" });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();

    await setVisibility(alice, "hidden");
    await sendMessage(bob, "Hello everyone");
    await sendMessage(bob, "@Alice can you look?");
    await notifiedCount(1);
    const [alert] = await notified();
    const looked = messageEntry(alice, "can you look");
    expect(alert).toEqual({
      title: `Bob mentioned you in ${room.name}`,
      body: "@Alice can you look?",
      tag: await looked.getAttribute("data-message-id"),
    });

    // Not while the tab is looked at, nor while turned off; the setting outlives a reload.
    await setVisibility(alice, "visible");
    await sendMessage(bob, "@Alice thanks");
    await waitForMessage(alice, "@Alice thanks");
    await setVisibility(alice, "hidden");
    await sendMessage(bob, "@Alice still there?");
    await notifiedCount(2);
    expect((await notified()).map((shown) => shown.body)).toEqual(["@Alice can you look?", "@Alice still there?"]);
    await alice.reload();
    await connectedStatus(alice).waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await setVisibility(alice, "hidden");
    await sendMessage(bob, "@Alice while off");
    await waitForMessage(alice, "@Alice while off");
    await toggle.check();
    await sendMessage(bob, "@Alice back on");
    await notifiedCount(1);
    expect((await notified()).map((shown) => shown.body)).toEqual(["@Alice back on"]);

    // Blocked in the browser's settings for the site (as a user's "Block" does): the box is
    // greyed out and says why, and comes back once they are allowed again.
    const carol = await newPage("Carol");
    await openRoomAs(carol, room.url, "Carol");
    const blockedToggle = carol.getByRole("checkbox", { name: "Notify me of mentions" });
    const settings = await carol.context().newCDPSession(carol);
    const { targetInfo } = await settings.send("Target.getTargetInfo");
    const setNotifications = (setting: "denied" | "granted") =>
      settings.send("Browser.setPermission", {
        permission: { name: "notifications" },
        setting,
        origin: runtime.webUrl,
        browserContextId: targetInfo.browserContextId,
      });
    await setNotifications("denied");
    await carol.getByText("blocked by this browser's settings").waitFor();
    expect(await blockedToggle.isDisabled()).toBe(true);
    await setNotifications("granted");
    await blockedToggle.check();
    expect(await carol.getByText("blocked by this browser's settings").count()).toBe(0);
  });

  it("marks what came since your last visit to the room with the New line", async () => {
    const { room, alice, bob } = await aliceAndBob();
    await sendMessage(bob, "Before you left");
    await waitForMessage(alice, "Before you left");
    // Written once the page has shown it (the only message, so the id stored is that one's).
    await alice.waitForFunction((key) => window.localStorage.getItem(key) !== null, `chat.lastRead.${room.id}`);
    await alice.goto(`${runtime.webUrl}/rooms`);
    // More than the log holds (800 px window), so that the page must choose where to open.
    const away = Array.from({ length: 15 }, (_, index) => `While you were away ${index + 1}`);
    await sendWithWebSocket(runtime.wsUrl, room.id, "Carol", away);
    await waitForMessage(bob, "While you were away 15");

    await openRoomAs(alice, room.url, "Alice");
    await waitForMessage(alice, "While you were away 15");
    const log = messageLog(alice);
    expect(await entryAfterNewLine(alice)).toContain("While you were away 1");
    expect(await log.locator('[data-divider="unread"]').count()).toBe(1);
    // It opens where the new messages start, with a way down to the newest.
    const lineFromTop = await log
      .locator('[data-divider="unread"]')
      .evaluate(
        (line) =>
          line.getBoundingClientRect().top - (line.closest('[role="log"]') as Element).getBoundingClientRect().top,
      );
    expect(lineFromTop).toBeGreaterThanOrEqual(0);
    expect(lineFromTop).toBeLessThan(40);
    await alice.getByRole("button", { name: "New messages" }).waitFor();

    // Back again with nothing new since: no line, and the log at the newest message.
    await alice.reload();
    await connectedStatus(alice).waitFor();
    await waitForMessage(alice, "While you were away 15");
    expect(await log.locator('[data-divider="unread"]').count()).toBe(0);
    await expect.poll(() => distanceFromBottom(alice)).toBeLessThan(80);
  });

  it("loads older history when scrolled to the top, page after page, in order across the log's runs", async () => {
    const room = await newRoom("Long history");
    // Past the log's run of 100 entries (MessageLog), so that older pages go in before a run.
    const texts = Array.from({ length: 130 }, (_, index) => `history ${String(index + 1).padStart(3, "0")}`);
    for (let from = 0; from < texts.length; from += 40) {
      await sendWithWebSocket(runtime.wsUrl, room.id, "Eve", texts.slice(from, from + 40));
    }

    const reader = await newPage("Frank");
    await openRoomAs(reader, room.url, "Frank");
    await waitForMessage(reader, "history 130");
    const log = messageLog(reader);
    expect(await log.getByText("history 001", { exact: true }).count()).toBe(0);

    const jumpToLatest = reader.getByRole("button", { name: "Jump to latest" });
    expect(await jumpToLatest.count()).toBe(0);
    const shown = () => log.locator("[data-message-id] [data-message-text]").allTextContents();
    // Focused from the keyboard, "Load older messages" is scrolled into view, which loads a page:
    // it keeps the focus meanwhile.
    const firstShown = (await shown()).length;
    await log.getByRole("button", { name: "Load older messages" }).focus();
    await expect.poll(async () => (await shown()).length).toBeGreaterThan(firstShown);
    expect(await reader.evaluate(() => document.activeElement?.textContent)).toBe("Load older messages");
    while ((await shown()).length < texts.length) {
      const before = (await shown()).length;
      await log.evaluate((element) => element.scrollTo({ top: 0 }));
      await expect.poll(async () => (await shown()).length).toBeGreaterThan(before);
    }
    expect(await shown()).toEqual(texts);
    expect(await log.locator('[role="list"] > div').count()).toBeGreaterThan(1);
    // Neither the history the room opened with nor the older pages were read out.
    expect(await reader.locator("[data-announcer]").textContent()).toBe("");

    await jumpToLatest.click();
    await jumpToLatest.waitFor({ state: "detached" });
    await log.getByText("history 130").waitFor();
    expect(await distanceFromBottom(reader)).toBeLessThan(80);
  });

  it("keeps a reader's place further up when a message arrives, and offers to go down to it", async () => {
    const { room, alice, bob } = await aliceAndBob();
    const earlier = Array.from({ length: 30 }, (_, index) => `Earlier message ${index + 1}`);
    await sendWithWebSocket(runtime.wsUrl, room.id, "Carol", earlier);
    await waitForMessage(alice, "Earlier message 30");
    const log = messageLog(alice);
    const fromBottom = () => distanceFromBottom(alice);
    expect(await fromBottom()).toBeLessThan(80);
    const newMessages = alice.getByRole("button", { name: "New messages" });
    expect(await newMessages.count()).toBe(0);

    // A scroll event comes a frame after the scroll; hold it back, so that the message arrives
    // before the page has heard of the scroll, as it can on a busy machine.
    await alice.evaluate(() => {
      const holdBack = (event: Event) => event.stopImmediatePropagation();
      window.addEventListener("scroll", holdBack, { capture: true });
      Object.assign(window, {
        releaseScrollEvents: () => window.removeEventListener("scroll", holdBack, { capture: true }),
      });
    });
    await log.evaluate((element) => element.scrollTo({ top: 0 }));
    await sendMessage(bob, "While you were reading");
    await newMessages.waitFor();
    expect(await log.evaluate((element) => element.scrollTop)).toBe(0);
    await alice.evaluate(() => (window as unknown as { releaseScrollEvents: () => void }).releaseScrollEvents());
    await saveScreenshot(alice, "new-messages");

    // Used from the keyboard, the button takes the focus to the message box as it goes away.
    await newMessages.focus();
    await alice.keyboard.press("Enter");
    await newMessages.waitFor({ state: "detached" });
    expect(await fromBottom()).toBeLessThan(80);
    await log.getByText("While you were reading").waitFor();
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe("message-input");
  });

  it("keeps a reader at the bottom when the log gets shorter or narrower", async () => {
    const room = await newRoom("Resized");
    const texts = Array.from({ length: 30 }, (_, index) => `A fairly long line of chat, number ${index + 1}`);
    await sendWithWebSocket(runtime.wsUrl, room.id, "Eve", texts);
    const reader = await newPage("Frank");
    await openRoomAs(reader, room.url, "Frank");
    await waitForMessage(reader, texts[29] as string);
    const fromBottom = () => distanceFromBottom(reader);
    expect(await fromBottom()).toBeLessThan(80);

    // Chromium sometimes sends the log a scroll event when the window is resized, and the
    // browser runs the scroll steps before the ResizeObserver's callbacks; here it always does.
    await messageLog(reader).evaluate((log) =>
      window.addEventListener("resize", () => log.dispatchEvent(new Event("scroll"))),
    );
    await reader.setViewportSize({ width: 1280, height: 500 });
    await expect.poll(fromBottom).toBeLessThan(80);
    await reader.setViewportSize({ width: 360, height: 500 });
    await expect.poll(fromBottom).toBeLessThan(80);
  });

  it("lists the rooms you were in on the start page, newest first, marks new messages, drops one found gone", async () => {
    const first = await newRoom("Visited");
    const second = await newRoom("Visited");
    const page = await newPage("Ivan");
    await openRoomAs(page, first.url, "Ivan");
    await openRoomAs(page, second.url, "Ivan");
    const gone = `gone-${Date.now()}`;
    await page.evaluate((id) => {
      const recent = JSON.parse(window.localStorage.getItem("chat.recentRooms") ?? "[]");
      window.localStorage.setItem("chat.recentRooms", JSON.stringify([...recent, { id, name: "Gone room" }]));
    }, gone);
    await sendWithWebSocket(runtime.wsUrl, first.id, "Carol", ["Posted after Ivan left"]);

    await page.goto(runtime.webUrl);
    const region = page.getByRole("region", { name: "Your recent rooms" });
    const recent = region.getByRole("link");
    await recent.first().waitFor();
    expect(await recent.allTextContents()).toEqual([second.name, first.name, "Gone room"]);
    // The room with a message Ivan has not seen says so.
    await region.getByText("New messages").waitFor();
    expect(await region.getByRole("listitem").allTextContents()).toEqual([
      second.name,
      `${first.name}New messages`,
      "Gone room",
    ]);
    await saveScreenshot(page, "home-recent-rooms");

    await recent.getByText("Gone room").click();
    await page.getByRole("heading", { name: "Room not found" }).waitFor();
    await page.goto(runtime.webUrl);
    await recent.first().waitFor();
    expect(await recent.allTextContents()).toEqual([second.name, first.name]);
    await recent.getByText(first.name).click();
    await page.getByRole("heading", { level: 1, name: first.name }).waitFor();
  });

  it("finds a room that is not among the rooms loaded: Find a room looks through older pages, and keeps them", async () => {
    const sought = await newRoom("Hidden away");
    // A page of the list holds 50: these push the sought room off the first.
    await Promise.all(Array.from({ length: 60 }, () => newRoom("Newer")));
    const page = await newPage();
    await page.goto(`${runtime.webUrl}/rooms`);
    const find = page.getByRole("searchbox", { name: "Find a room" });
    await find.waitFor();
    expect(await page.getByRole("link", { name: sought.name }).count()).toBe(0);

    await find.fill("hidden AWAY");
    await page.getByRole("link", { name: sought.name, exact: true }).waitFor();
    expect(await page.getByRole("list").getByRole("link").allTextContents()).toEqual([sought.name]);
    await find.fill("no such room anywhere");
    await page.getByRole("status").filter({ hasText: "No room name contains “no such room anywhere”." }).waitFor();

    // "Show older rooms" clicked twice before the page comes asks for it once: no room listed twice.
    const other = await newPage();
    const olderPagesAsked: string[] = [];
    other.on("request", (request) => {
      if (request.url().includes("cursor=")) olderPagesAsked.push(request.url());
    });
    await other.goto(`${runtime.webUrl}/rooms`);
    const links = other.getByRole("list").getByRole("link");
    await expect.poll(() => links.count()).toBe(50);
    await other.getByRole("button", { name: "Show older rooms" }).dblclick();
    await expect.poll(() => links.count()).toBeGreaterThan(50);
    expect(olderPagesAsked).toHaveLength(1);
    const names = await links.allTextContents();
    expect(new Set(names).size).toBe(names.length);

    // New rooms push the first page's last rooms off it: the list refreshes and keeps them.
    const newest = await Promise.all(Array.from({ length: 5 }, () => newRoom("Newest")));
    const newestNames = newest.map((room) => room.name);
    await expect
      .poll(async () => (await links.allTextContents()).slice(0, 5).sort(), { timeout: 15_000 })
      .toEqual(newestNames.sort());
    expect((await links.allTextContents()).slice(5)).toEqual(names);
  });

  it("shows 'Room not found' with a link back to the list for an unknown room", async () => {
    const page = await newPage();
    await page.goto(`${runtime.webUrl}/rooms/no-such-room-${Date.now()}`);
    await page.getByRole("heading", { name: "Room not found" }).waitFor();
    await saveScreenshot(page, "room-not-found");
    await page.getByRole("link", { name: "Back to the room list" }).click();
    await page.waitForURL(`${runtime.webUrl}/rooms`);
  });
});
