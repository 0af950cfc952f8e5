import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import WebSocket from "ws";
import { startHttpEmulator } from "../src/http-emulator";
import { inProcessFunction } from "../src/lambda";
import { waitUntil } from "../src/wait-until";
import { startWebSocketEmulator } from "../src/ws-emulator";

// API Gateway waits for a route's function only so long (29 s for WebSocket APIs, 30 s for HTTP
// APIs), however long the function may run: then it answers the client itself, and the function
// runs on. Here the wait is cut to 200 ms, and the function takes 1 s of its 10 s.
const GATEWAY_WAIT_MS = 200;
const slowDone: string[] = [];
const slow = (name: string) =>
  inProcessFunction(
    name,
    async () => {
      await sleep(1000);
      slowDone.push(name);
      return { statusCode: 200, body: "{}" };
    },
    { timeoutMs: 10_000 },
  );
const stops: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(stops.map((stop) => stop())));

it("answers a WebSocket frame with API Gateway's timeout frame, goes on to the next, and lets the function finish", async () => {
  const answered: string[] = [];
  const emulator = await startWebSocketEmulator({
    port: 0,
    integrationTimeoutMs: GATEWAY_WAIT_MS,
    handlers: {
      slow: slow("slow"),
      quick: inProcessFunction("quick", async () => {
        answered.push("quick");
        return { statusCode: 200 };
      }),
    },
  });
  stops.push(emulator.stop);
  const socket = new WebSocket(emulator.url);
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(data.toString()));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  socket.send('{"action":"slow"}');
  socket.send('{"action":"quick"}');
  await waitUntil("the gateway's answer", () => frames.length > 0, { timeoutMs: 5_000, intervalMs: 10 });
  expect(JSON.parse(frames[0]!)).toEqual({
    message: "Endpoint request timed out",
    connectionId: expect.any(String),
    requestId: expect.any(String),
  });
  // The next frame did not wait for the slow function's end.
  await waitUntil("the next frame's route", () => answered.length > 0, { timeoutMs: 5_000, intervalMs: 10 });
  expect(slowDone).not.toContain("slow");
  await waitUntil("the slow function's end", () => slowDone.includes("slow"), { timeoutMs: 5_000, intervalMs: 10 });
  socket.close();
});

it("answers an HTTP request with API Gateway's 503, and lets the function finish", async () => {
  const emulator = await startHttpEmulator({
    port: 0,
    integrationTimeoutMs: GATEWAY_WAIT_MS,
    handlers: { "GET /slow": slow("GET /slow") },
  });
  stops.push(emulator.stop);
  const response = await fetch(`${emulator.url}/slow`);
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ message: "Service Unavailable" });
  expect(slowDone).not.toContain("GET /slow");
  await waitUntil("the slow function's end", () => slowDone.includes("GET /slow"), {
    timeoutMs: 5_000,
    intervalMs: 10,
  });
});
