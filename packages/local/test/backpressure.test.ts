import {
  type ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { managementClient, useTestStack } from "@chat/test-support/stack";
import { beforeAll, expect, it } from "vitest";
import { MAX_BUFFERED_BYTES } from "../src/ws-emulator";

// A client that stops reading must not make the server buffer without bound:
// past MAX_BUFFERED_BYTES waiting for it, the emulator ends the connection.
const chat = useTestStack();
let management: ApiGatewayManagementApiClient;

beforeAll(() => {
  management = managementClient(chat.stack);
});

// PostToConnection's largest payload; what a fan-out to a busy room adds up to, quicker.
const FRAME = JSON.stringify({ type: "bulk", text: "x".repeat(128 * 1024 - 30) });
// A WebSocket frame's header is at most 10 bytes from a server (no mask).
const FRAME_BYTES = Buffer.byteLength(FRAME) + 10;

it("ends a connection whose client stopped reading once its send buffer passes the limit, then answers 410", async () => {
  const room = await chat.api.createRoom("slow reader");
  const slow = await chat.join(room.id, "slow");
  const [connectionId] = [...chat.stack.webSocket.connections.keys()];
  const live = chat.stack.webSocket.connections.get(connectionId!)!;
  const watcher = await chat.join(room.id, "watcher");
  await slow.until(() => slow.ofType("join")[0]);
  // Stop reading: the kernel's buffers fill, then the server's.
  slow.socket.pause();

  let accepted = 0;
  let gone: unknown;
  // Bounded: 1000 frames (128 MiB) is far beyond loopback's kernel buffers plus the limit.
  for (let index = 0; index < 1000 && !gone; index++) {
    try {
      await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: FRAME }));
      accepted++;
    } catch (error) {
      gone = error;
    }
  }
  expect(gone).toBeInstanceOf(GoneException);
  expect(accepted).toBeGreaterThan(0);
  // What the server held for it never passed the limit plus the frame that crossed it.
  expect(live.peakBufferedBytes).toBeGreaterThan(MAX_BUFFERED_BYTES);
  expect(live.peakBufferedBytes).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + FRAME_BYTES);
  expect(live.open).toBe(false);
  expect(chat.stack.webSocket.connections.has(connectionId!)).toBe(false);

  // $disconnect ran: the other member hears the slow one leave.
  const left = await watcher.nextOfType("leave");
  expect(left).toMatchObject({ member: { name: "slow" }, members: 1 });
  // And later posts to it are refused as gone.
  const later = await management
    .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: '{"type":"late"}' }))
    .catch((error: unknown) => error);
  expect(later).toBeInstanceOf(GoneException);
  expect((later as GoneException).$metadata.httpStatusCode).toBe(410);

  // The slow client, once it reads again, finds its connection cut (no close frame: 1006).
  slow.socket.resume();
  await slow.until(() => slow.closed);
  expect(slow.closed!.code).toBe(1006);
  expect(watcher.closed).toBeUndefined();
});
