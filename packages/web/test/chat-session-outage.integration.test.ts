import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Stack, startStack } from "@chat/local/stack";
import { waitUntil } from "@chat/local/wait-until";
import { onFreePort } from "@chat/test-support/ports";
import { TEST_ADDRESS_LIMITS } from "@chat/test-support/runtime-process";
import { afterAll, expect, it, vi } from "vitest";
import { createApiClient } from "../src/lib/api-client";
import { ChatSession, type SessionEvent } from "../src/lib/chat-session";

// The web client's session through a database outage: the runtime's own DynamoDB Local (on
// disk, so the restart keeps the data) is killed while a person keeps writing, and the runtime
// restarts it. Frames answered `unavailable` meanwhile (perhaps after the write went through),
// backfills that fail and the reconnects they lead to must still end with every message
// stored once, in the order written. This stack starts a DynamoDB Local of its own, so killing
// it leaves the run's shared one alone.
const dataDir = mkdtempSync(join(tmpdir(), "chat-session-outage-"));
let stack: Stack | undefined;
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("stores every message once, in the order written, across a DynamoDB Local restart", {
  timeout: 120_000,
}, async () => {
  Object.assign(process.env, TEST_ADDRESS_LIMITS);
  // The supervisor's "died" and "is back" lines.
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  stack = await onFreePort((dynamoPort) =>
    startStack({ apiPort: 0, wsPort: 0, dynamoPort, dataDir, functions: { log: () => undefined } }),
  );
  const dynamo = stack.dynamo!;
  const api = createApiClient(stack.apiUrl);
  const room = await api.createRoom("through an outage");
  const events: SessionEvent[] = [];
  const felt: SessionEvent[] = [];
  const session = new ChatSession({
    wsUrl: stack.wsUrl,
    api,
    roomId: room.id,
    name: "ann",
    onEvent: (event) => events.push(event),
  });
  session.start();
  try {
    await waitUntil("the history", () => events.some((event) => event.type === "history"), {
      timeoutMs: 30_000,
      intervalMs: 25,
    });
    const written = Array.from({ length: 20 }, (_, index) => `m${index}`);
    const java = dynamo.pid();
    for (const [index, text] of written.entries()) {
      session.sendMessage(text);
      if (index === 5) process.kill(java, "SIGKILL");
      await sleep(100); // a person writing, not a wait for anything
    }
    await dynamo.recovered();
    expect(dynamo.pid()).not.toBe(java);

    // Once the session has seen each message (echoed, or found by a backfill), its outbox is
    // empty and nothing more is sent: the history is then final.
    const seen = new Set<string>();
    await waitUntil(
      "the session has seen every message",
      () => {
        for (const event of events.splice(0)) {
          if (event.type === "messages" || event.type === "history") {
            for (const message of event.messages) seen.add(message.text);
          }
          if (event.type === "serverError" || event.type === "status") felt.push(event);
        }
        return written.every((text) => seen.has(text));
      },
      {
        timeoutMs: 90_000,
        intervalMs: 100,
        timeoutError: () =>
          new Error(
            `the session saw ${JSON.stringify([...seen])}; errors and statuses: ${JSON.stringify(felt).slice(0, 3000)}`,
          ),
      },
    );
    const history = await api.listMessages(room.id, {}, 100);
    expect(history.messages.map((message) => message.text)).toEqual(written);
    // The outage was felt: a frame was refused, or the connection was lost and made again.
    expect(
      felt.some(
        (event) =>
          (event.type === "serverError" && event.code === "unavailable") ||
          (event.type === "status" && event.status === "reconnecting"),
      ),
    ).toBe(true);
  } finally {
    session.stop();
  }
});
