import { describe, expect, it } from "vitest";
import { forgetRoom, loadRecentRooms, MAX_RECENT_ROOMS, rememberRoom } from "../src/lib/recent-rooms";
import { asStorage, MemoryStorage, throwingStorage } from "./fixtures";

const room = (n: number) => ({ id: `room-${n}`, name: `Room ${n}` });

describe("recent rooms in the browser's storage", () => {
  it("keeps the newest first, each room once, at most MAX_RECENT_ROOMS", () => {
    const storage = asStorage(new MemoryStorage());
    for (let n = 1; n <= MAX_RECENT_ROOMS + 2; n++) rememberRoom(storage, room(n));
    rememberRoom(storage, room(5));
    const recent = loadRecentRooms(storage);
    expect(recent).toHaveLength(MAX_RECENT_ROOMS);
    expect(recent.map((entry) => entry.id).slice(0, 3)).toEqual(["room-5", "room-10", "room-9"]);
    expect(new Set(recent.map((entry) => entry.id)).size).toBe(MAX_RECENT_ROOMS);
  });

  it("forgets a room found gone, and the whole list with its last room", () => {
    const memory = new MemoryStorage();
    const storage = asStorage(memory);
    rememberRoom(storage, room(1));
    rememberRoom(storage, room(2));
    forgetRoom(storage, "room-1");
    expect(loadRecentRooms(storage)).toEqual([room(2)]);
    forgetRoom(storage, "room-2");
    expect(memory.items.size).toBe(0);
  });

  it("drops each room it cannot trust, keeps the others, and does without storage", () => {
    const memory = new MemoryStorage();
    memory.setItem("chat.recentRooms", JSON.stringify([{ id: "../../admin", name: "x" }]));
    expect(loadRecentRooms(asStorage(memory))).toEqual([]);
    memory.setItem("chat.recentRooms", JSON.stringify([room(1), { id: "../../admin", name: "x" }, room(2)]));
    expect(loadRecentRooms(asStorage(memory))).toEqual([room(1), room(2)]);
    memory.setItem("chat.recentRooms", JSON.stringify({ id: "room-1", name: "not a list" }));
    expect(loadRecentRooms(asStorage(memory))).toEqual([]);
    memory.setItem("chat.recentRooms", JSON.stringify([{ id: "room-1", name: "" }]));
    expect(loadRecentRooms(asStorage(memory))).toEqual([]);
    expect(loadRecentRooms(undefined)).toEqual([]);
    expect(loadRecentRooms(throwingStorage())).toEqual([]);
    expect(() => rememberRoom(throwingStorage(), room(1))).not.toThrow();
  });
});
