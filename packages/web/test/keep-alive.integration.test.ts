import type { Stack } from "@chat/local/stack";
import { waitUntil } from "@chat/local/wait-until";
import { startTestStack } from "@chat/test-support/stack";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SessionEvent } from "../src/lib/chat-session";
import { startLiveSession } from "./live-session";

// The runtime closes a connection that sent nothing for its idle timeout (API Gateway's 10
// minutes, 4 s here), as API Gateway does; the web client's keep-alive ping keeps a quiet
// reader's connection, where one without it leaves and comes back at every timeout. The ping
// goes after 500 ms of quiet and the next only once it is answered: the 3.5 s left cover its
// answer on a busy machine, the first one's cold start included (with 2 s, a full run once saw
// the kept session closed twice).
const IDLE_TIMEOUT_SECONDS = 4;
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack({}, { idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS });
});
afterAll(() => stack?.stop());

const reconnects = (events: SessionEvent[]) =>
  events.filter((event) => event.type === "status" && event.status === "reconnecting").length;

it("keeps a quiet reader's connection past the idle timeout with its pings, where one without them is closed", async () => {
  const kept = await startLiveSession(stack, "quiet reader", { keepAliveMs: 500 });
  const unkept = await startLiveSession(stack, "quiet reader without keep-alive", { keepAliveMs: 0 });
  try {
    // Three idle timeouts for the session without keep-alive: as long for the other.
    await waitUntil("three idle closes of the session without keep-alive", () => reconnects(unkept.events) >= 3, {
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    expect(reconnects(kept.events)).toBe(0);
    // Only the first welcome reaches the page: the keep-alive's are the session's to take.
    expect(kept.events.filter((event) => event.type === "welcome")).toHaveLength(1);
  } finally {
    kept.session.stop();
    unkept.session.stop();
  }
});
