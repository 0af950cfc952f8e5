import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import WebSocket from "ws";
import { inProcessFunction } from "../src/lambda";
import { waitUntil } from "../src/wait-until";
import { MAX_WAITING_FRAMES, startWebSocketEmulator } from "../src/ws-emulator";

// One connection's frames are handled one at a time. A client that sends faster than that must
// not grow the server's queue without bound: past MAX_WAITING_FRAMES the emulator stops reading
// it, and TCP holds the client back; no frame is lost, none is reordered, and the pauses do not
// pass for a dead client (pings go unanswered while it is not read).
const FRAMES = 300;
const HANDLER_MS = 15;
// Frames of about 1 KiB: one 64 KiB read holds about 60 of them.
const PADDING = "x".repeat(1000);
const ONE_READ_OF_FRAMES = Math.ceil((64 * 1024) / PADDING.length);

const stops: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(stops.map((stop) => stop())));

it("stops reading a connection whose frames wait past the limit, then handles every frame in order", async () => {
  const handled: number[] = [];
  const emulator = await startWebSocketEmulator({
    port: 0,
    idleTimeoutSeconds: 600,
    maxConnectionSeconds: 7200,
    // Far shorter than one pause (half the limit's frames at HANDLER_MS each).
    pingSeconds: 0.2,
    handlers: {
      slow: inProcessFunction("slow", async (event: unknown) => {
        handled.push((JSON.parse((event as { body: string }).body) as { seq: number }).seq);
        await sleep(HANDLER_MS);
        return { statusCode: 200 };
      }),
    },
  });
  stops.push(emulator.stop);
  const socket = new WebSocket(emulator.url);
  let closed: number | undefined;
  socket.on("close", (code) => (closed = code));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const [live] = [...emulator.connections.values()];

  for (let seq = 0; seq < FRAMES; seq++) socket.send(JSON.stringify({ action: "slow", seq, padding: PADDING }));
  await waitUntil("every frame handled, or the connection ended", () => handled.length === FRAMES || closed, {
    timeoutMs: 30_000,
    intervalMs: 20,
  });

  expect(closed).toBeUndefined();
  expect(handled).toEqual(Array.from({ length: FRAMES }, (_, seq) => seq));
  // The limit was reached, and passed by no more than the frames of the read that reached it.
  expect(live!.peakWaitingFrames).toBeGreaterThanOrEqual(MAX_WAITING_FRAMES);
  expect(live!.peakWaitingFrames).toBeLessThanOrEqual(MAX_WAITING_FRAMES + ONE_READ_OF_FRAMES);
  expect(live!.open).toBe(true);
  socket.close();
});
