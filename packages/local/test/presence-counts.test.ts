import { useTestStack } from "@chat/test-support/stack";
import type { Frame } from "@chat/test-support/ws-client";
import { expect, it } from "vitest";

// Joins and leaves that happen at once are counted and posted side by side, so their frames reach
// a member in any order; each carries when it counted, and the newest count is the room's.
const chat = useTestStack();

/** The counts of the frames stamped last (several frames may share the newest stamp). */
function newestCounts(frames: Frame[]): Set<number> {
  const newest = Math.max(...frames.map((frame) => frame.countedAt));
  return new Set(frames.filter((frame) => frame.countedAt === newest).map((frame) => frame.members));
}

it("stamps every join and leave with when it counted: the newest shows the room's count, in whatever order they came", async () => {
  const GUESTS = 6;
  for (let round = 0; round < 3; round++) {
    const room = await chat.api.createRoom(`counted ${round}`);
    const observer = await chat.join(room.id, "observer");
    const guests = await Promise.all(Array.from({ length: GUESTS }, (_, i) => chat.join(room.id, `guest ${i}`)));
    const joins = await observer.until(() => observer.ofType("join").length === GUESTS && observer.ofType("join"));
    expect(joins.every((frame) => typeof frame.countedAt === "number")).toBe(true);
    expect(newestCounts(joins)).toEqual(new Set([GUESTS + 1]));
    // The welcome is stamped the same way: a join counted before it no longer moves the count.
    observer.send({ action: "hello" });
    const welcome = await observer.nextOfType("welcome");
    expect(welcome.room.members).toBe(GUESTS + 1);
    expect(welcome.countedAt).toBeGreaterThanOrEqual(Math.max(...joins.map((frame) => frame.countedAt)));

    await Promise.all(guests.map((guest) => guest.close()));
    const leaves = await observer.until(() => observer.ofType("leave").length === GUESTS && observer.ofType("leave"));
    expect(leaves.every((frame) => typeof frame.countedAt === "number")).toBe(true);
    expect(newestCounts(leaves)).toEqual(new Set([1]));
    await observer.close();
  }
});
