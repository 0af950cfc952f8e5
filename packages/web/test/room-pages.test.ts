import { describe, expect, it } from "vitest";
import { withFirstPage, withOlderPage } from "../src/lib/room-pages";

/** Room n, created n minutes after the first: the higher n, the newer. */
const room = (n: number) => ({
  id: `room-${String(n).padStart(3, "0")}`,
  name: `Room ${n}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  members: 0,
});
/** Rooms from..to, newest first, as the API lists them. */
const rooms = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => room(from - i));
const names = (list: { rooms: { name: string }[] }) => list.rooms.map((r) => Number(r.name.slice(5)));

describe("the room list's pages", () => {
  it("takes each refresh of the first page as the list, until older pages are loaded", () => {
    const first = withFirstPage(null, { rooms: rooms(100, 51), cursor: "c50" });
    expect(names(first)).toEqual(rooms(100, 51).map((_, i) => 100 - i));
    const again = withFirstPage(first, { rooms: rooms(103, 54), cursor: "c53" });
    expect(names(again)[0]).toBe(103);
    expect(names(again).at(-1)).toBe(54);
    expect(again.cursor).toBe("c53");
  });

  it("keeps the rooms new ones push off the first page once older pages are loaded, and no gap", () => {
    const first = withFirstPage(null, { rooms: rooms(100, 51), cursor: "c51" });
    const older = withOlderPage(first, { rooms: rooms(50, 1), cursor: null });
    expect(names(older)).toHaveLength(100);
    // Five new rooms: rooms 51 to 55 are no longer on the first page, nor on the one loaded after it.
    const refreshed = withFirstPage(older, { rooms: rooms(105, 56), cursor: "c56" });
    expect(names(refreshed)).toEqual(Array.from({ length: 105 }, (_, i) => 105 - i));
    expect(refreshed.cursor).toBeNull();
  });

  it("drops a room gone from within the first page's span, and lists each room once", () => {
    const first = withFirstPage(null, { rooms: rooms(100, 51), cursor: "c51" });
    const older = withOlderPage(first, { rooms: [room(51), ...rooms(50, 1)], cursor: null });
    expect(names(older)).toHaveLength(100);
    const withoutRoom70 = rooms(100, 50).filter((r) => r.name !== "Room 70");
    const refreshed = withFirstPage(older, { rooms: withoutRoom70, cursor: "c50" });
    expect(names(refreshed)).not.toContain(70);
    expect(names(refreshed)).toHaveLength(99);
    expect(new Set(names(refreshed)).size).toBe(99);
  });

  it("starts over when the first page is the whole list", () => {
    const first = withFirstPage(null, { rooms: rooms(100, 51), cursor: "c51" });
    const older = withOlderPage(first, { rooms: rooms(50, 1), cursor: null });
    const fewer = withFirstPage(older, { rooms: rooms(3, 1), cursor: null });
    expect(names(fewer)).toEqual([3, 2, 1]);
    expect(fewer.olderLoaded).toBe(false);
  });
});
