import { IN_PROCESS, useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { describe, expect, it } from "vitest";

// Small limits so expiry can be watched within a test.
const GRACE_SECONDS = 2;
const chat = useTestStack(
  { ROOM_GRACE_SECONDS: String(GRACE_SECONDS), MESSAGE_RETENTION_DAYS: "30" },
  { functions: IN_PROCESS },
);

const connect = (roomId: string, name: string) => ChatClient.connect(chat.stack.wsUrl, { roomId, name });
const texts = (messages: { text: string }[]) => messages.map((message) => message.text);

describe("reconnect", () => {
  it("backfills what a client missed with after=, without duplicates", async () => {
    const room = await chat.api.createRoom("backfill");
    const stayer = await connect(room.id, "stayer");
    let mover = await connect(room.id, "mover");
    stayer.sendMessage("before");
    await mover.nextOfType("message");
    const lastSeen = mover.ofType("message").at(-1)!.message.id;
    await mover.close();

    for (const text of ["missed 1", "missed 2", "missed 3"]) stayer.sendMessage(text);
    await stayer.until(() => stayer.ofType("message").length === 4);

    mover = await connect(room.id, "mover");
    const backfill = await chat.api.get(`/rooms/${room.id}/messages?after=${lastSeen}&limit=2`);
    const more = await chat.api.get(`/rooms/${room.id}/messages?after=${backfill.body.cursor}&limit=2`);
    expect(texts(backfill.body.messages)).toEqual(["missed 1", "missed 2"]);
    expect(texts(more.body.messages)).toEqual(["missed 3"]);
    expect(more.body.cursor).toBeNull();
    stayer.sendMessage("after");
    expect((await mover.nextOfType("message")).message.text).toBe("after");
    await Promise.all([stayer.close(), mover.close()]);
  });
});

describe("stale connections", () => {
  it("members connecting at the same moment all stay, and all hear each other", async () => {
    const room = await chat.api.createRoom("rush");
    const names = ["r1", "r2", "r3", "r4", "r5", "r6"];
    const crowd = await Promise.all(names.map((name) => connect(room.id, name)));
    for (const [index, client] of crowd.entries()) client.sendMessage(`from ${names[index]}`);
    for (const client of crowd) await client.until(() => client.ofType("message").length === names.length);
    expect(crowd.every((client) => client.closed === undefined)).toBe(true);
    expect(crowd.flatMap((client) => client.ofType("leave"))).toEqual([]);
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(names.length);
    await Promise.all(crowd.map((client) => client.close()));
  });

  it("a member whose connection is gone (410) is removed on the next message and the others hear it left", async () => {
    const room = await chat.api.createRoom("stale");
    const alive = await connect(room.id, "alive");
    // A member whose $disconnect never ran: API Gateway delivers $disconnect best-effort.
    const { join } = await import("@chat/core/presence");
    const aMinuteAgo = Date.now() - 60_000;
    const ghost = { id: "ghost-member", name: "ghost" };
    await join({ connectionId: "ghost-connection=", roomId: room.id, member: ghost }, { now: aMinuteAgo });
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(2);

    const sentAt = Date.now();
    alive.sendMessage("anyone there?");
    expect((await alive.nextOfType("message")).message.text).toBe("anyone there?");
    // Counted after the removal, and stamped as any leave is.
    const leave = await alive.nextOfType("leave");
    expect(leave).toEqual({ type: "leave", member: ghost, members: 1, countedAt: expect.any(Number) });
    expect(leave.countedAt).toBeGreaterThanOrEqual(sentAt);
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(1);
    alive.send({ action: "hello" });
    expect((await alive.nextOfType("welcome")).members.map((member: { name: string }) => member.name)).toEqual([
      "alive",
    ]);
    await alive.close();
  });

  it("several stale members found by one message are removed side by side and announced in one presence frame", async () => {
    const room = await chat.api.createRoom("stale crowd");
    const alive = await connect(room.id, "alive");
    const { join } = await import("@chat/core/presence");
    const { dynamo } = await import("@chat/core/db");
    const aMinuteAgo = Date.now() - 60_000;
    await Promise.all(
      ["g1", "g2", "g3", "g4"].map((name) =>
        join(
          { connectionId: `${name}-gone=`, roomId: room.id, member: { id: `${name}-member`, name } },
          { now: aMinuteAgo },
        ),
      ),
    );
    let removalsInFlight = 0;
    let mostRemovalsAtOnce = 0;
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== "TransactWriteItemsCommand") return next(args);
        mostRemovalsAtOnce = Math.max(mostRemovalsAtOnce, ++removalsInFlight);
        try {
          return await next(args);
        } finally {
          removalsInFlight--;
        }
      },
      { step: "initialize", name: "countRemovalsInFlight" },
    );
    try {
      alive.sendMessage("anyone there?");
      await alive.nextOfType("presence");
    } finally {
      dynamo.middlewareStack.remove("countRemovalsInFlight");
    }
    const presence = alive.ofType("presence")[0]!;
    expect(presence.left.map((member: { name: string }) => member.name).sort()).toEqual(["g1", "g2", "g3", "g4"]);
    expect(presence).toMatchObject({ joined: [], members: 1 });
    alive.send({ action: "hello" });
    await alive.nextOfType("welcome");
    expect(alive.ofType("leave")).toEqual([]);
    expect(mostRemovalsAtOnce).toBeGreaterThan(1);
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(1);
    await alive.close();
  });

  it("a client killed without a close frame leaves, and the others are told", async () => {
    const room = await chat.api.createRoom("killed");
    const witness = await connect(room.id, "witness");
    const victim = await connect(room.id, "victim");
    await witness.nextOfType("join");
    victim.socket.terminate();
    expect((await witness.nextOfType("leave")).member.name).toBe("victim");
    witness.sendMessage("still fine");
    expect((await witness.nextOfType("message")).message.text).toBe("still fine");
    await witness.close();
  });
});

describe("retention", () => {
  it("leaves messages older than MESSAGE_RETENTION_DAYS out of history", async () => {
    const room = await chat.api.createRoom("retention");
    const writer = await connect(room.id, "writer");
    process.env.MESSAGE_RETENTION_DAYS = String(1 / 86_400); // one second
    writer.sendMessage("short-lived");
    await writer.nextOfType("message");
    process.env.MESSAGE_RETENTION_DAYS = "30";
    writer.sendMessage("kept");
    await writer.nextOfType("message", 1);
    await expect
      .poll(async () => texts((await chat.api.get(`/rooms/${room.id}/messages`)).body.messages), {
        timeout: 5000,
        interval: 250,
      })
      .toEqual(["kept"]);
    await writer.close();
  });
});

describe("empty rooms", () => {
  it("survive their last member's reload within the grace period, and are gone after it", async () => {
    const room = await chat.api.createRoom("grace");
    let member = await connect(room.id, "reloader");
    member.sendMessage("kept");
    await member.nextOfType("message");
    await member.close();
    // A reload: the same person is back at once.
    member = await connect(room.id, "reloader");
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(1);
    await member.close();
    await expect
      .poll(async () => (await chat.api.get(`/rooms/${room.id}`)).body.room?.members, { timeout: 15_000 })
      .toBe(0);

    // While the room has a member, it never expires.
    const holder = await connect(room.id, "holder");
    await new Promise((wait) => setTimeout(wait, (GRACE_SECONDS + 1) * 1000));
    expect((await chat.api.get(`/rooms/${room.id}`)).status).toBe(200);
    await holder.close();

    await expect
      .poll(async () => (await chat.api.get(`/rooms/${room.id}`)).status, {
        timeout: (GRACE_SECONDS + 5) * 1000,
        interval: 250,
      })
      .toBe(404);
    expect((await chat.api.get(`/rooms/${room.id}/messages`)).status).toBe(404);
    const listed = (await chat.api.get("/rooms?limit=100")).body.rooms.map((r: { id: string }) => r.id);
    expect(listed).not.toContain(room.id);
    await expect(connect(room.id, "late")).rejects.toMatchObject({ status: 404 });
  });
});
