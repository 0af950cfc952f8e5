import { FRAME_RULE } from "@chat/core/rate-limit";
import { useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { describe, expect, it } from "vitest";

const chat = useTestStack();
/** Frames in the flood: far past the burst, and handled one at a time for seconds. */
const FLOOD = 200;

async function roomWith(...names: string[]) {
  const room = await chat.api.createRoom(`room of ${names.join(", ")}`);
  const members: ChatClient[] = [];
  for (const name of names) {
    const client = await chat.join(room.id, name);
    // Wait until everyone already in the room heard of the newcomer.
    for (const earlier of members) {
      await earlier.until(() => earlier.ofType("join").some((frame) => frame.member.name === name));
    }
    members.push(client);
  }
  return { room, members };
}

describe("handshake", () => {
  it("refuses an unknown room with 404 and no upgrade", async () => {
    await expect(ChatClient.connect(chat.stack.wsUrl, { roomId: "no-such-room" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it.each([
    ["no roomId", {}],
    ["a control character in the name", { name: "a\u0001b" }],
    ["a name over 32 code points", { name: "n".repeat(33) }],
  ])("refuses %s with 400", async (_, query: Record<string, string>) => {
    const room = await chat.api.createRoom("handshake");
    const withRoom = "name" in query ? { roomId: room.id, ...query } : query;
    await expect(ChatClient.connect(chat.stack.wsUrl, withRoom)).rejects.toMatchObject({ status: 400 });
  });

  it("names a member without a name guest-xxxx, trims names, and announces joins", async () => {
    const room = await chat.api.createRoom("guests");
    const first = await chat.join(room.id, "  Ann  ");
    const guest = await chat.join(room.id);
    const joined = await first.nextOfType("join");
    expect(joined).toEqual({
      type: "join",
      member: { id: expect.any(String), name: expect.stringMatching(/^guest-[a-z0-9]{4}$/) },
      members: 2,
      countedAt: expect.any(Number),
    });
    guest.send({ action: "hello" });
    const welcome = await guest.nextOfType("welcome");
    expect(welcome.you).toEqual(joined.member);
    expect(welcome.room).toMatchObject({ id: room.id, name: "guests", members: 2 });
    expect(welcome.members.map((member: { name: string }) => member.name).sort()).toEqual(
      ["Ann", joined.member.name].sort(),
    );
    // A blank name is a guest too.
    const blank = await chat.join(room.id, "   ");
    blank.send({ action: "hello" });
    expect((await blank.nextOfType("welcome")).you.name).toMatch(/^guest-/);
  });
});

describe("messages", () => {
  it("reaches every member of a room of three exactly once, in send order, with clientMessageId echoed", async () => {
    const { room, members } = await roomWith("a", "b", "c");
    const [a, b, c] = members as [ChatClient, ChatClient, ChatClient];
    for (let index = 0; index < 20; index++) a.sendMessage(`a${index}`, `ca${index}`);
    for (let index = 0; index < 20; index++) b.sendMessage(`b${index}`);
    for (const client of members) await client.until(() => client.ofType("message").length >= 40);
    // A last message from each sender: once every member has both, a duplicate or a stray
    // delivery of the 40 would have arrived before them (one sender's messages stay in order).
    a.sendMessage("end of a");
    b.sendMessage("end of b");
    const isMarker = (message: { text: string }) => message.text.startsWith("end of ");
    for (const client of members)
      await client.until(() => client.ofType("message").filter((frame) => isMarker(frame.message)).length === 2);
    const received = (client: ChatClient) => client.ofType("message").filter((frame) => !isMarker(frame.message));

    for (const client of members) {
      const messages = received(client).map((frame) => frame.message);
      expect(messages).toHaveLength(40);
      expect(new Set(messages.map((message) => message.id)).size).toBe(40);
      const fromA = messages.filter((message) => message.author.name === "a");
      expect(fromA.map((message) => message.text)).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
      expect(fromA.map((message) => message.clientMessageId)).toEqual(Array.from({ length: 20 }, (_, i) => `ca${i}`));
      const fromB = messages.filter((message) => message.author.name === "b");
      expect(fromB.map((message) => message.text)).toEqual(Array.from({ length: 20 }, (_, i) => `b${i}`));
      expect(fromB.every((message) => !("clientMessageId" in message))).toBe(true);
    }
    // Ids sort in the order the server accepted the messages: one sender's are rising.
    const ids = received(c)
      .filter((frame) => frame.message.author.name === "a")
      .map((frame) => frame.message.id);
    expect([...ids].sort()).toEqual(ids);
    const history = (await chat.api.get(`/rooms/${room.id}/messages?limit=100`)).body.messages.filter(
      (message: { text: string }) => !isMarker(message),
    );
    expect(history).toHaveLength(40);
    // History is in acceptance (id) order: what every member received, sorted by id.
    expect(history.map((message: { id: string }) => message.id)).toEqual(
      received(c)
        .map((frame) => frame.message.id)
        .sort(),
    );
    expect(history.every((message: { roomId: string }) => message.roomId === room.id)).toBe(true);
  });

  it("works both ways between two clients and keeps text as sent", async () => {
    const { members } = await roomWith("left", "right");
    const [left, right] = members as [ChatClient, ChatClient];
    left.sendMessage("  hello, 世界 👋\nsecond line ");
    const received = (await right.nextOfType("message")).message;
    expect(received.text).toBe("  hello, 世界 👋\nsecond line ");
    right.sendMessage("hi back");
    expect((await left.nextOfType("message", 1)).message.text).toBe("hi back");
  });

  it("accepts 2000 code points and refuses 2001 or a blank message, naming the message refused", async () => {
    const { members } = await roomWith("long");
    const [writer] = members as [ChatClient];
    writer.sendMessage("🙂".repeat(2000));
    expect((await writer.nextOfType("message")).message.text).toBe("🙂".repeat(2000));
    writer.sendMessage("x".repeat(2001), "too-long");
    writer.sendMessage("   ", "blank");
    writer.send({ action: "sendMessage", data: { message: "ok", clientMessageId: "" } });
    writer.send({ action: "sendMessage", data: { message: "ok", clientMessageId: "c".repeat(65) } });
    await writer.until(() => writer.ofType("error").length === 4);
    expect(writer.ofType("error").every((frame) => frame.error.code === "invalid_request")).toBe(true);
    // A clientMessageId is named back only when it is one the server would have stored.
    expect(writer.ofType("error").map((frame) => frame.clientMessageId)).toEqual([
      "too-long",
      "blank",
      undefined,
      undefined,
    ]);
    expect(writer.ofType("message")).toHaveLength(1);
  });
});

describe("presence", () => {
  it("tells others about typing, and everyone left about a leave", async () => {
    const { members } = await roomWith("typist", "reader", "third");
    const [typist, reader, third] = members as [ChatClient, ChatClient, ChatClient];
    typist.send({ action: "typing" });
    expect(await reader.nextOfType("typing")).toEqual({
      type: "typing",
      member: { id: expect.any(String), name: "typist" },
    });
    await third.nextOfType("typing");
    typist.send({ action: "hello" });
    await typist.nextOfType("welcome");
    expect(typist.ofType("typing")).toHaveLength(0);

    await typist.close();
    expect(await reader.nextOfType("leave")).toEqual({
      type: "leave",
      member: { id: expect.any(String), name: "typist" },
      members: 2,
      countedAt: expect.any(Number),
    });
    expect((await third.nextOfType("leave")).member.name).toBe("typist");
  });
});

describe("frames that match no route", () => {
  it("are answered with error frames and the connection stays open", async () => {
    const { members } = await roomWith("prober");
    const [prober] = members as [ChatClient];
    const cases: [unknown, string][] = [
      ["not json", "invalid_request"],
      ["[1,2]", "invalid_request"],
      ["42", "invalid_request"],
      [{ data: {} }, "invalid_request"],
      [{ action: 7 }, "invalid_request"],
      [{ action: "dance" }, "unknown_action"],
      [{ action: "$connect" }, "unknown_action"],
      [{ action: "sendMessage" }, "invalid_request"],
      [{ action: "sendMessage", data: "text" }, "invalid_request"],
      [{ action: "sendMessage", data: { message: 5 } }, "invalid_request"],
    ];
    for (const [frame] of cases) prober.send(frame);
    await prober.until(() => prober.ofType("error").length === cases.length);
    expect(prober.ofType("error").map((frame) => frame.error.code)).toEqual(cases.map(([, code]) => code));
    expect(prober.closed).toBeUndefined();
    prober.sendMessage("still here");
    expect((await prober.nextOfType("message")).message.text).toBe("still here");
  });

  it("a frame over 32 KiB closes the connection with 1009", async () => {
    const { members } = await roomWith("big", "witness");
    const [big, witness] = members as [ChatClient, ChatClient];
    big.send({ action: "sendMessage", data: { message: "x".repeat(33 * 1024) } });
    await big.until(() => big.closed);
    expect(big.closed!.code).toBe(1009);
    expect((await witness.nextOfType("leave")).member.name).toBe("big");
  });
});

describe("rate limit", () => {
  it("always accepts a burst of 50 frames, and limits a flood with rate_limited", async () => {
    const { members } = await roomWith("burst");
    const [burst] = members as [ChatClient];
    for (let index = 0; index < 50; index++) burst.sendMessage(`b${index}`);
    await burst.until(() => burst.ofType("message").length === 50);
    expect(burst.ofType("error")).toHaveLength(0);

    const { members: flooders } = await roomWith("flood");
    const [flood] = flooders as [ChatClient];
    const sentAt = Date.now();
    for (let index = 0; index < FLOOD; index++) flood.send({ action: "typing" });
    // Frames are handled in order, and $default is not limited: this answer comes last.
    flood.send({ action: "done" });
    const arrivedWithin = Date.now() - sentAt + 1000; // generous: the frames were written at once
    await flood.until(() => flood.ofType("error").some((frame) => frame.error.code === "unknown_action"), 60_000);
    const limited = flood.ofType("error").filter((frame) => frame.error.code === "rate_limited");
    const accepted = FLOOD - limited.length;
    expect(accepted).toBeGreaterThanOrEqual(50);
    // Counted as they arrived: the burst plus what refilled while they arrived, however long
    // their handling took (a frame at a time: seconds, which would refill 12 more per second).
    expect(accepted).toBeLessThanOrEqual(FRAME_RULE.burst + Math.ceil((FRAME_RULE.perSecond * arrivedWithin) / 1000));
    expect(flood.closed).toBeUndefined();
  });
});
