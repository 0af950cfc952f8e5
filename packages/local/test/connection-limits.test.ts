import { useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { beforeAll, expect, it } from "vitest";

// API Gateway's idle (10 min) and maximum-duration (2 h) limits, made small.
const IDLE_SECONDS = 2;
const MAX_SECONDS = 4;
const chat = useTestStack({}, { idleTimeoutSeconds: IDLE_SECONDS, maxConnectionSeconds: MAX_SECONDS });
let roomId: string;

beforeAll(async () => {
  roomId = (await chat.api.createRoom("limits")).id;
});

it("closes an idle connection with 1001 after the idle timeout", async () => {
  const sleeper = await ChatClient.connect(chat.stack.wsUrl, { roomId, name: "sleeper" });
  const openedAt = Date.now();
  await sleeper.until(() => sleeper.closed, 15_000);
  expect(sleeper.closed!.code).toBe(1001);
  expect(Date.now() - openedAt).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 100);
});

it("closes even a busy connection with 1001 at the maximum duration", async () => {
  const chatter = await ChatClient.connect(chat.stack.wsUrl, { roomId, name: "chatter" });
  const openedAt = Date.now();
  const keepTalking = setInterval(() => chatter.send({ action: "typing" }), 500);
  try {
    await chatter.until(() => chatter.closed, 15_000);
  } finally {
    clearInterval(keepTalking);
  }
  expect(chatter.closed!.code).toBe(1001);
  // It outlived the idle timeout because it kept talking.
  expect(Date.now() - openedAt).toBeGreaterThanOrEqual(MAX_SECONDS * 1000 - 100);
});
