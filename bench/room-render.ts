// `npm run bench:room-render`: how long the room page takes to show a message as its log grows,
// as in a busy room left open for hours. The real runtime (as `npm start`, in memory, on free
// ports, with its production build of the site) and Chromium; WebSocket clients send messages at
// a steady rate, and the page records when each message's frame arrived and when its entry was
// added to the DOM (after React rendered it and the log's layout effect kept the reader at the
// bottom). Printed per slice of the log's length, so growth with the log shows.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { freePort } from "@chat/local/ports";
import { launchChromium } from "@chat/test-support/chromium";
import { launchRuntime } from "@chat/test-support/runtime-process";
import { ChatClient } from "@chat/test-support/ws-client";
import type { Page } from "playwright-core";
import { summarize } from "./stats";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "1500" },
    rate: { type: "string", default: "30" },
    senders: { type: "string", default: "20" },
    slice: { type: "string", default: "250" },
    profile: { type: "string" },
  },
});
const messageCount = Number(values.messages);
const ratePerSecond = Number(values.rate);
const senderCount = Number(values.senders);
const sliceSize = Number(values.slice);
const profileFile = values.profile;

// Run in the page before its own scripts (as text: this program has no DOM types): the reader's
// name, so the page joins at once; when each message frame arrives, and when its entry is added
// to the log.
const RECORD_ARRIVALS_AND_ENTRIES = `
  window.localStorage.setItem("chat.displayName", "Reader");
  const times = { arrived: new Map(), shown: new Map() };
  window.renderTimes = times;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      // Added before the page's own listener, so it runs first.
      this.addEventListener("message", (event) => {
        const frame = JSON.parse(String(event.data));
        if (frame.type === "message") times.arrived.set(frame.message.id, performance.now());
      });
    }
  };
  // An entry comes on its own, or inside a new run of the log: the first time each is seen.
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        for (const entry of [node, ...node.querySelectorAll("[data-message-id]")]) {
          const id = entry.dataset.messageId;
          if (id && !times.shown.has(id)) times.shown.set(id, now);
        }
      }
  }).observe(document, { childList: true, subtree: true });
`;
const ALL_SHOWN = (count: number) => `window.renderTimes.shown.size >= ${count}`;
const DELAYS = "[...window.renderTimes.arrived].map(([id, at]) => window.renderTimes.shown.get(id) - at)";

async function openRoom(page: Page, url: string) {
  await page.addInitScript({ content: RECORD_ARRIVALS_AND_ENTRIES });
  await page.goto(url);
  await page.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 30_000 });
}

/** Sends the messages at the steady rate; `beforeLastSlice` runs before the last slice's first. */
async function sendSteadily(senders: ChatClient[], beforeLastSlice: () => Promise<void>) {
  const start = Date.now();
  for (let index = 0; index < messageCount; index++) {
    const wait = start + (index * 1000) / ratePerSecond - Date.now();
    if (wait > 0) await new Promise((resume) => setTimeout(resume, wait));
    if (index === Math.max(0, messageCount - sliceSize)) await beforeLastSlice();
    const text = `message ${index}, with a link https://example.com/${index} and some text ${"x".repeat(index % 80)}`;
    senders[index % senders.length]!.sendMessage(text);
  }
}

async function main() {
  const ports = { WEB_PORT: await freePort(), API_PORT: await freePort(), WS_PORT: await freePort() };
  console.log("starting the runtime (it builds the site for its ports: a minute or two)…");
  const runtime = await launchRuntime(process.execPath, ["--import", "tsx", "packages/local/src/main.ts"], {
    DATA_DIR: "memory",
    WEB_MODE: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
  });
  const browser = await launchChromium();
  try {
    const created = await fetch(`http://127.0.0.1:${ports.API_PORT}/rooms`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Render bench" }),
    });
    const { room } = (await created.json()) as { room: { id: string } };
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openRoom(page, `http://127.0.0.1:${ports.WEB_PORT}/rooms/${room.id}`);
    const senders = await Promise.all(
      Array.from({ length: senderCount }, (_, index) =>
        ChatClient.connect(`ws://127.0.0.1:${ports.WS_PORT}`, { roomId: room.id, name: `Sender ${index}` }),
      ),
    );
    console.log(`sending ${messageCount} messages at ${ratePerSecond}/s from ${senderCount} clients…`);
    // With --profile, the page's CPU profile over the last slice (open it in Chrome's DevTools).
    const devTools = profileFile ? await page.context().newCDPSession(page) : undefined;
    await devTools?.send("Profiler.enable");
    await sendSteadily(senders, async () => {
      await devTools?.send("Profiler.start");
    });
    await page.waitForFunction(ALL_SHOWN(messageCount), undefined, { timeout: 120_000 });
    const delays = (await page.evaluate(DELAYS)) as number[];
    if (devTools && profileFile) {
      const { profile } = await devTools.send("Profiler.stop");
      writeFileSync(profileFile, JSON.stringify(profile));
      console.log(`the page's CPU profile over the last slice: ${profileFile}`);
    }
    await Promise.all(senders.map((sender) => sender.close()));

    console.log(`\nFrame arrival → entry in the DOM, ms (${messageCount} messages at ${ratePerSecond}/s):\n`);
    console.log("| messages in the log | p50 | p95 | max |");
    console.log("| --- | --- | --- | --- |");
    for (let from = 0; from < delays.length; from += sliceSize) {
      const { count, p50, p95, max } = summarize(delays.slice(from, from + sliceSize));
      const cells = [p50, p95, max].map((ms) => ms.toFixed(1));
      console.log(`| ${from + 1}–${from + count} | ${cells.join(" | ")} |`);
    }
  } finally {
    await browser.close();
    await runtime.stop();
  }
}

await main();
