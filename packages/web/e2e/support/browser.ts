import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const screenshotDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../screenshots");

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** Chromium logs these itself while a server is down or a room is unknown; the tests expect them. */
const EXPECTED_NETWORK_LOGS = /^(WebSocket connection to .* failed|Failed to load resource)/;

/** Records uncaught exceptions and console errors (other than network logs) of a page into `into`. */
export function collectPageErrors(page: Page, into: string[]): void {
  page.on("pageerror", (error) => into.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !EXPECTED_NETWORK_LOGS.test(message.text())) {
      into.push(`${page.url()}: console: ${message.text()}`);
    }
  });
}
