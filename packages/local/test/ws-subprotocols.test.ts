import { startWebSocketApi } from "@chat/test-support/web-socket-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import type { WebSocketEmulator } from "../src/ws-emulator";

// Subprotocols as API Gateway handles them: the one $connect returns in
// Sec-WebSocket-Protocol is selected; a client that asked for one and got
// none fails the connection. Other headers $connect returns reach the client.
let choosing: WebSocketEmulator;
let silent: WebSocketEmulator;

const emulator = (headers: Record<string, string>) =>
  startWebSocketApi({ $connect: async () => ({ statusCode: 200, headers }) });

beforeAll(async () => {
  choosing = await emulator({ "Sec-WebSocket-Protocol": "chat.v1", "X-Served-By": "connect" });
  silent = await emulator({});
});
afterAll(async () => {
  await choosing?.stop();
  await silent?.stop();
});

it("selects the subprotocol $connect returned, and sends $connect's other headers", async () => {
  const socket = new WebSocket(choosing.url, ["chat.v2", "chat.v1"]);
  const upgradeHeaders = new Promise<Record<string, unknown>>((resolve) =>
    socket.once("upgrade", (response) => resolve(response.headers)),
  );
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  expect(socket.protocol).toBe("chat.v1");
  expect((await upgradeHeaders)["x-served-by"]).toBe("connect");
  socket.close();
});

it("fails a client that asked for a subprotocol when $connect returned none", async () => {
  const socket = new WebSocket(silent.url, ["chat.v1"]);
  const failure = await new Promise<Error>((resolve) => socket.once("error", resolve));
  expect(failure.message).toMatch(/subprotocol/i);
});

it("connects a client that asked for none either way", async () => {
  const socket = new WebSocket(silent.url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  expect(socket.protocol).toBe("");
  socket.close();
});
