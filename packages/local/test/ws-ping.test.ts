import { useTestStack } from "@chat/test-support/stack";
import { expect, it } from "vitest";
import { configFromEnvironment } from "../src/config";

// WS_PING_SECONDS and WS_IDLE_TIMEOUT_SECONDS, made small: a client that stops
// answering pings (half-open) is ended at the next ping; pings are not activity.
const PING_SECONDS = 1;
const IDLE_SECONDS = 4;
const chat = useTestStack({}, { pingSeconds: PING_SECONDS, idleTimeoutSeconds: IDLE_SECONDS });

it("ends a connection that stops answering pings (1006); the others hear it leave", async () => {
  const room = await chat.api.createRoom("half-open");
  const alive = await chat.join(room.id, "alive");
  // Keeps its own connection active so the idle timeout plays no part here.
  const keepTalking = setInterval(() => alive.send({ action: "typing" }), 400);
  try {
    // ws answers pings itself unless autoPong is off: this one never answers.
    const silent = await chat.join(room.id, "silent", { autoPong: false });
    let pings = 0;
    silent.socket.on("ping", () => pings++);
    const left = await alive.until(() => alive.ofType("leave").find((frame) => frame.member.name === "silent"));
    expect(left.members).toBe(1);
    await silent.until(() => silent.closed);
    expect(silent.closed!.code).toBe(1006);
    // It was pinged, did not answer, and was ended at the next ping.
    expect(pings).toBeGreaterThanOrEqual(1);
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(1);
    // The member that answered its pings is still there.
    expect(alive.closed).toBeUndefined();
  } finally {
    clearInterval(keepTalking);
  }
});

it("does not count pings and pongs as activity: a silent client that answers pings still idles out (1001)", async () => {
  const room = await chat.api.createRoom("idle");
  const idle = await chat.join(room.id, "idle");
  let pings = 0;
  idle.socket.on("ping", () => pings++);
  await idle.until(() => idle.closed, 20_000);
  expect(idle.closed!.code).toBe(1001);
  // Several pings were answered on the way (autoPong), none of which kept it open.
  expect(pings).toBeGreaterThanOrEqual(2);
});

it("reads WS_PING_SECONDS with the other settings: 30 by default, a positive number, else a clear error", () => {
  expect(configFromEnvironment({}).pingSeconds).toBe(30);
  expect(configFromEnvironment({ WS_PING_SECONDS: "5" }).pingSeconds).toBe(5);
  for (const bad of ["0", "-1", "abc"]) {
    expect(() => configFromEnvironment({ WS_PING_SECONDS: bad })).toThrow(/WS_PING_SECONDS/);
  }
});
