import { setTimeout as sleep } from "node:timers/promises";
import { startWebSocketApi } from "@chat/test-support/web-socket-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import type { Handler } from "../src/lambda";
import { waitUntil } from "../src/wait-until";
import type { WebSocketEmulator } from "../src/ws-emulator";

// The events the WebSocket emulator hands to handlers have API Gateway's shape,
// field by field, so handlers written against AWS run here unchanged.
type Event = { requestContext: Record<string, unknown> } & Record<string, unknown>;
const events: Event[] = [];
const record: Handler = async (event) => {
  events.push(event as Event);
  return { statusCode: 200 };
};
// A route that takes its time: the connection's next frame waits for its turn behind it.
let slowEndedAt = 0;
const slow: Handler = async (event) => {
  events.push(event as Event);
  await sleep(300);
  slowEndedAt = Date.now();
  return { statusCode: 200 };
};
let emulator: WebSocketEmulator;

beforeAll(async () => {
  emulator = await startWebSocketApi({ $connect: record, $disconnect: record, $default: record, ping: record, slow });
});
afterAll(() => emulator?.stop());

const GATEWAY_ID = /^[A-Za-z0-9_-]{15}=$/;

async function conversation(headers: Record<string, string>) {
  events.length = 0;
  const socket = new WebSocket(`${emulator.url}/?a=1`, { headers });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  socket.send('{"action":"ping"}');
  await waitUntil("the frame is routed", () => events.length >= 2, { timeoutMs: 10_000, intervalMs: 10 });
  socket.close(1000, "bye");
  await waitUntil("$disconnect ran", () => events.length >= 3, { timeoutMs: 10_000, intervalMs: 10 });
  const [connect, message, disconnect] = events;
  return { connect: connect!, message: message!, disconnect: disconnect! };
}

it("request ids, times, stage and API id look like API Gateway's", async () => {
  const { connect, message, disconnect } = await conversation({ "User-Agent": "probe/1.0" });
  for (const event of [connect, message, disconnect]) {
    const context = event.requestContext;
    expect(context.requestId).toMatch(GATEWAY_ID);
    expect(context.extendedRequestId).toBe(context.requestId);
    expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.stage).toBe("$default");
    expect(context.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(context.connectionId).toMatch(GATEWAY_ID);
    expect(context.identity).toEqual({ sourceIp: "127.0.0.1", userAgent: "probe/1.0" });
  }
  expect(new Set([connect, message, disconnect].map((event) => event.requestContext.requestId)).size).toBe(3);
  expect(connect.requestContext.apiId).toBe(disconnect.requestContext.apiId);
  expect(connect.requestContext.messageId).toBeNull();
  expect(disconnect.requestContext.messageId).toBeNull();
  expect(message.requestContext.messageId).toMatch(GATEWAY_ID);
  expect(message.requestContext).toMatchObject({ eventType: "MESSAGE", routeKey: "ping", messageDirection: "IN" });
});

it("$connect carries the headers API Gateway adds; $disconnect has multiValueHeaders", async () => {
  const { connect, disconnect } = await conversation({});
  const headers = connect.headers as Record<string, string>;
  expect(headers["X-Forwarded-For"]).toBe("127.0.0.1");
  expect(headers["X-Forwarded-Port"]).toBe(new URL(emulator.url).port);
  expect(headers["X-Forwarded-Proto"]).toBe("http");
  expect(headers["X-Amzn-Trace-Id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  expect((connect.multiValueHeaders as Record<string, string[]>)["X-Forwarded-For"]).toEqual(["127.0.0.1"]);
  expect(connect.queryStringParameters).toEqual({ a: "1" });
  expect(connect.requestContext.identity).toEqual({ sourceIp: "127.0.0.1", userAgent: null });
  expect(disconnect.multiValueHeaders).toEqual(
    Object.fromEntries(
      Object.entries(disconnect.headers as Record<string, string>).map(([name, value]) => [name, [value]]),
    ),
  );
  expect(disconnect.requestContext).toMatchObject({
    eventType: "DISCONNECT",
    disconnectStatusCode: 1000,
    disconnectReason: "bye",
  });
});

it("stamps a frame with the time it arrived, not the time its turn came", async () => {
  events.length = 0;
  const socket = new WebSocket(emulator.url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  socket.send('{"action":"slow"}');
  socket.send('{"action":"ping"}');
  await waitUntil("both frames are routed", () => events.length >= 3, { timeoutMs: 10_000, intervalMs: 10 });
  socket.close();
  const [slowFrame, pingFrame] = events.slice(1);
  expect(slowFrame?.requestContext.routeKey).toBe("slow");
  expect(pingFrame?.requestContext.routeKey).toBe("ping");
  // The ping ran after the slow frame's handler had ended, but API Gateway's time is its arrival.
  expect(pingFrame!.requestContext.requestTimeEpoch as number).toBeLessThan(slowEndedAt);
  expect(pingFrame!.requestContext.requestTimeEpoch as number).toBeGreaterThanOrEqual(
    slowFrame!.requestContext.requestTimeEpoch as number,
  );
});
