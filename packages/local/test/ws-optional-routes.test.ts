import { startWebSocketApi } from "@chat/test-support/web-socket-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import type { Handler } from "../src/lambda";
import { waitUntil } from "../src/wait-until";
import type { WebSocketEmulator } from "../src/ws-emulator";

// A route table as small as API Gateway allows: no $connect, no $disconnect,
// no $default. Connections are accepted, an unmatched action is answered
// "Forbidden", and a binary frame closes the connection with 1003.
const routed: string[] = [];
const echo: Handler = async (event) => {
  routed.push((event as { body: string }).body);
  return { statusCode: 200 };
};
let emulator: WebSocketEmulator;

beforeAll(async () => {
  emulator = await startWebSocketApi({ echo });
});
afterAll(() => emulator?.stop());

async function open() {
  const socket = new WebSocket(emulator.url);
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(data.toString()));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  return { socket, frames };
}

const waitFor = (done: () => boolean) => waitUntil("it happens", done, { timeoutMs: 10_000, intervalMs: 10 });

it("accepts connections without a $connect route and routes matched actions", async () => {
  const { socket } = await open();
  socket.send('{"action":"echo","n":1}');
  await waitFor(() => routed.length === 1);
  expect(routed).toEqual(['{"action":"echo","n":1}']);
  socket.close();
});

it("answers an unmatched action with API Gateway's Forbidden frame when there is no $default", async () => {
  const { socket, frames } = await open();
  socket.send('{"action":"nope"}');
  await waitFor(() => frames.length === 1);
  expect(JSON.parse(frames[0]!)).toEqual({
    message: "Forbidden",
    connectionId: expect.any(String),
    requestId: expect.any(String),
  });
  expect(socket.readyState).toBe(WebSocket.OPEN);
  socket.close();
});

it("closes the connection with 1003 on a binary frame, routing nothing", async () => {
  const { socket } = await open();
  const before = routed.length;
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.send(Buffer.from('{"action":"echo"}'), { binary: true });
  expect(await closed).toBe(1003);
  expect(routed.length).toBe(before);
});
