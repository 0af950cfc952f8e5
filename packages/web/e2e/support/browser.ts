import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

// Debian's headless shell (package chromium-headless-shell): the same Blink and V8 as
// /usr/bin/chromium, without the full browser that Chromium's own headless mode runs, whose
// window UI costs a renderer of its own per browser context. Playwright runs headless tests on
// the shell for that reason; here it took 5.8 s of CPU for ten contexts against 14.2 s.
// A machine set up before the switch, with only the full browser, still runs the tests.
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const FULL_BROWSER = "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  // Neither installed: the shell's path, for the error that names what to install.
  const executablePath =
    process.env.CHROMIUM_PATH ?? [HEADLESS_SHELL, FULL_BROWSER].find((path) => existsSync(path)) ?? HEADLESS_SHELL;
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

const screenshotDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../screenshots");

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** A new page whose browser already remembers `displayName` (skips the "Your name" step). */
export async function pageWithName(
  browser: Browser,
  displayName: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((name) => window.localStorage.setItem("chat.displayName", name), displayName);
  return context.newPage();
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
