import type { Page } from "playwright-core";

export const messageBox = (page: Page) => page.getByRole("textbox", { name: "Message" });
export const messageLog = (page: Page) => page.getByRole("log");
export const membersList = (page: Page) => page.getByLabel("Members", { exact: true });
export const connectedStatus = (page: Page) => page.getByRole("status").filter({ hasText: "Connected" });

/** How far, in px, the message log is scrolled up from its newest message. */
export function distanceFromBottom(page: Page): Promise<number> {
  return messageLog(page).evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight);
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press("Enter");
}

/** The text of the log's entry right after the "New" line (the entries are grouped in runs, so not its sibling). */
export async function entryAfterNewLine(page: Page): Promise<string> {
  const entries = await messageLog(page)
    .getByRole("listitem")
    .evaluateAll((items) =>
      items.map((item) => ({ newLine: item.getAttribute("data-divider") === "unread", text: item.textContent ?? "" })),
    );
  return entries[entries.findIndex((entry) => entry.newLine) + 1]?.text ?? "";
}

/** The log's confirmed (not pending) messages whose text holds `text`. */
export const messageEntry = (page: Page, text: string) =>
  messageLog(page).locator("[data-message-id]").filter({ hasText: text });

/** Waits until a confirmed (not pending) message with this exact text is in the log. */
export async function waitForMessage(page: Page, text: string, timeout = 15_000): Promise<void> {
  await messageEntry(page, text).first().waitFor({ timeout });
}

export async function openRoomAs(page: Page, url: string, displayName: string): Promise<void> {
  await page.goto(url);
  const nameBox = page.getByRole("textbox", { name: "Your name" });
  const chat = messageBox(page);
  await Promise.race([nameBox.waitFor(), chat.waitFor()]);
  if (await nameBox.isVisible()) {
    await nameBox.fill(displayName);
    await page.getByRole("button", { name: "Join" }).click();
  }
  await connectedStatus(page).waitFor({ timeout: 15_000 });
}

/** Makes the page believe it is in a background tab (or in front again), as switching tabs does. */
export async function setVisibility(page: Page, visibility: "hidden" | "visible"): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }, visibility);
}
