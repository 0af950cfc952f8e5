import { FRAME_RULE } from "@chat/core/rate-limit";
import type { Stack } from "@chat/local/stack";
import { waitUntil } from "@chat/local/wait-until";
import { startTestStack } from "@chat/test-support/stack";
import { type Message, messageIdTime } from "@chat/wire";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startLiveSession } from "./live-session";

// The web client's session as the browser runs it (on Node's WebSocket, the browser's API)
// against the real runtime and handlers. Messages written faster than a
// connection's frame limit allows, such as an outbox flushed on reconnect, are answered
// `rate_limited`; the session sends each of them again after a backoff, before any newer one.
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

/** Resolves once `done()` holds (the runtime's own polling loop); fails after 30 s. */
const until = (what: string, done: () => boolean) => waitUntil(what, done, { timeoutMs: 30_000, intervalMs: 25 });

it("delivers every message written past the frame limit, once each and in the order written", async () => {
  const { session, events } = await startLiveSession(stack, "past the limit");
  const received = new Map<string, Message>();
  const errors: string[] = [];
  const delivered = () => {
    for (const event of events.splice(0)) {
      if (event.type === "messages") for (const message of event.messages) received.set(message.id, message);
      if (event.type === "serverError" || event.type === "messageRejected") errors.push(event.code);
    }
  };
  try {
    // Typing frames past the connection's burst (they are counted as they arrive), then the
    // messages at once: however fast the server answers, the first ones find the limit spent.
    for (let index = 0; index < FRAME_RULE.burst + 20; index++) session.sendTyping();
    const written = Array.from({ length: 30 }, (_, index) => `m${index}`);
    for (const text of written) session.sendMessage(text);
    await until("every message", () => {
      delivered();
      return received.size >= written.length;
    });
    const inIdOrder = [...received.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((message) => message.text);
    expect(inIdOrder).toEqual(written);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors)).toEqual(new Set(["rate_limited"]));
  } finally {
    session.stop();
  }
});

it("finds after a reconnect a message stored late, with an id below the newest it had seen", async () => {
  const { session, roomId, events } = await startLiveSession(stack, "stored late");
  const texts = () => events.flatMap((event) => (event.type === "messages" ? event.messages.map((m) => m.text) : []));
  try {
    session.sendMessage("the newest");
    await until("its echo", () => texts().includes("the newest"));
    const newest = events.flatMap((event) => (event.type === "messages" ? event.messages : [])).at(-1)!;
    // Accepted 5 s before it and stored only now, as by a slow write in another execution
    // environment: the fan-out never reached this client, whose next backfill must find it.
    // (Core reads the table's name from the links the stack set: imported once it runs.)
    const { storeMessage } = await import("@chat/core/messages");
    await storeMessage(
      { roomId, text: "stored late", author: { id: "m-late", name: "Slow" } },
      messageIdTime(newest.id) - 5_000,
    );
    for (const connection of stack.webSocket.connections.values()) connection.socket?.terminate();
    await until("the late message", () => texts().includes("stored late"));
  } finally {
    session.stop();
  }
});
