import { setTimeout as sleep } from "node:timers/promises";
import { startWebSocketApi } from "@chat/test-support/web-socket-api";
import { afterAll, expect, it } from "vitest";
import WebSocket from "ws";
import { waitUntil } from "../src/wait-until";
import { FRAME_OVERHEAD_BYTES, MAX_WAITING_BYTES, type WebSocketEmulator } from "../src/ws-emulator";

// One connection's frames are handled one at a time. A client that sends faster than that must
// not grow the server's queue without bound: past MAX_WAITING_BYTES the emulator stops reading
// it, and TCP holds the client back; no frame is lost, none is reordered, and the pauses do not
// pass for a dead client (pings go unanswered while it is not read).
const FRAMES = 300;
const HANDLER_MS = 15;
// Frames of about 8 KiB: the limit holds about 110 of them, one 64 KiB read about 8.
const PADDING = "x".repeat(8 * 1024);
const frame = (seq: number) => JSON.stringify({ action: "slow", seq, padding: PADDING });
const FRAME_COST = Buffer.byteLength(frame(FRAMES)) + FRAME_OVERHEAD_BYTES;
const ONE_READ = Math.ceil((64 * 1024) / Buffer.byteLength(frame(FRAMES))) * FRAME_COST;

let emulator: WebSocketEmulator;
afterAll(() => emulator?.stop());

it("stops reading a connection whose frames wait past the limit, then handles every frame in order", async () => {
  const handled: number[] = [];
  const slow = async (event: unknown) => {
    handled.push((JSON.parse((event as { body: string }).body) as { seq: number }).seq);
    await sleep(HANDLER_MS);
    return { statusCode: 200 };
  };
  // Pings far more often than one pause lasts (half the limit's frames at HANDLER_MS each: about 0.85 s).
  emulator = await startWebSocketApi({ slow }, undefined, { pingSeconds: 0.3 });
  const socket = new WebSocket(emulator.url);
  let closed: number | undefined;
  socket.on("close", (code) => (closed = code));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const [live] = [...emulator.connections.values()];

  for (let seq = 0; seq < FRAMES; seq++) socket.send(frame(seq));
  await waitUntil("every frame handled, or the connection ended", () => handled.length === FRAMES || closed, {
    timeoutMs: 30_000,
    intervalMs: 20,
  });

  expect(closed).toBeUndefined();
  expect(handled).toEqual(Array.from({ length: FRAMES }, (_, seq) => seq));
  // The limit was reached, and passed by no more than the frames of the read that reached it.
  expect(live!.peakWaitingBytes).toBeGreaterThanOrEqual(MAX_WAITING_BYTES);
  expect(live!.peakWaitingBytes).toBeLessThanOrEqual(MAX_WAITING_BYTES + ONE_READ);
  expect(live!.open).toBe(true);
  socket.close();
});
