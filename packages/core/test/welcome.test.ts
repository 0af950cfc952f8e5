import { describe, expect, it } from "vitest";
import { encodeFrame } from "../src/notifier";
import { MAX_POSTED_FRAME_BYTES, welcomeFrame } from "../src/welcome";

const room = { id: "room-1", name: "Big room", createdAt: "2026-12-03T13:00:00.000Z", members: 0 };
const member = (index: number, name = `member ${index}`) => ({ id: `m${index}`, name });

describe("welcomeFrame", () => {
  it("lists everyone present, in their order, when the frame can be posted", () => {
    const members = [member(1), member(2), member(3)];
    const frame = welcomeFrame(member(2), { ...room, members: 3 }, members, 1700);
    expect(frame).toEqual({ type: "welcome", you: member(2), room: { ...room, members: 3 }, members, countedAt: 1700 });
  });

  it("lists the sender and as many others as fit in a frame PostToConnection takes, and counts everyone", () => {
    // 32 emoji of 4 bytes each: a thousand such members would make a frame of about 150 KB.
    const members = Array.from({ length: 3_000 }, (_, index) => member(index, "😀".repeat(32)));
    const you = members[2_500]!;
    const frame = welcomeFrame(you, { ...room, members: members.length }, members, Date.now());
    if (frame.type !== "welcome") throw new Error("not a welcome");
    const size = encodeFrame(frame).byteLength;
    expect(size).toBeLessThanOrEqual(MAX_POSTED_FRAME_BYTES);
    expect(size).toBeGreaterThan(MAX_POSTED_FRAME_BYTES - 200);
    expect(frame.members[0]).toEqual(you);
    expect(frame.members.length).toBeGreaterThan(700);
    expect(new Set(frame.members.map((m) => m.id)).size).toBe(frame.members.length);
    expect(frame.room.members).toBe(3_000);
  });
});
