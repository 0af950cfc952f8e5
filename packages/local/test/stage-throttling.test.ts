import { handshakeStatus } from "@chat/test-support/handshake";
import { useTestStack } from "@chat/test-support/stack";
import { startWebSocketApi } from "@chat/test-support/web-socket-api";
import { afterAll, expect, it } from "vitest";
import { type HttpEmulator, startHttpEmulator } from "../src/http-emulator";
import { inProcessFunction } from "../src/lambda";
import type { WebSocketEmulator } from "../src/ws-emulator";

// A stage's route throttling (routes.ts's stageThrottling, which the stages deploy with), made
// small: a token bucket per route; past it, API Gateway answers 429 itself and runs no function.
// Refilled so slowly that no token comes back within a test, however slow the machine (the unit
// test times the refill).
const SMALL = { throttlingRateLimit: 0.001, throttlingBurstLimit: 2 };
const chat = useTestStack({}, { throttling: { http: SMALL, ws: SMALL } });
const stops: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(stops.map((stop) => stop())));

it("answers a route past its burst with API Gateway's 429, runs no function, and keeps a bucket per route", async () => {
  let invoked = 0;
  const http: HttpEmulator = await startHttpEmulator({
    port: 0,
    throttling: SMALL,
    handlers: Object.fromEntries(
      ["GET /a", "GET /b"].map((key) => [
        key,
        inProcessFunction(key, async () => {
          invoked++;
          return { statusCode: 200, body: "{}" };
        }),
      ]),
    ),
  });
  stops.push(http.stop);
  const statuses = [];
  for (let index = 0; index < 3; index++) statuses.push((await fetch(`${http.url}/a`)).status);
  expect(statuses).toEqual([200, 200, 429]);
  expect(invoked).toBe(2);
  const refused = await fetch(`${http.url}/a`);
  expect(refused.status).toBe(429);
  expect(await refused.json()).toEqual({ message: "Too Many Requests" });
  expect((await fetch(`${http.url}/b`)).status).toBe(200);
});

it("refuses a handshake past $connect's burst with 429", async () => {
  const ws: WebSocketEmulator = await startWebSocketApi({ $connect: async () => ({ statusCode: 200 }) }, undefined, {
    throttling: SMALL,
  });
  stops.push(ws.stop);
  const statuses = [];
  for (let index = 0; index < 3; index++) statuses.push(await handshakeStatus(ws.url));
  expect(statuses).toEqual([101, 101, 429]);
});

it("throttles the app's own stack as its stages are configured", async () => {
  const statuses = [];
  for (let index = 0; index < 3; index++) statuses.push((await chat.api.get("/rooms")).status);
  expect(statuses).toEqual([200, 200, 429]);
  const room = await chat.api.createRoom("throttled");
  const connects = [];
  for (let index = 0; index < 3; index++)
    connects.push(await handshakeStatus(`${chat.stack.wsUrl}/?roomId=${room.id}&name=n${index}`));
  expect(connects).toEqual([101, 101, 429]);
});
