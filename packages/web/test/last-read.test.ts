import { describe, expect, it } from "vitest";
import { loadLastRead, saveLastRead } from "../src/lib/last-read";
import { asStorage, MemoryStorage, throwingStorage } from "./fixtures";

const id = (last: string) => `01J${"0".repeat(22)}${last}`;

describe("the last message shown, in the browser's storage", () => {
  it("keeps one message id per room", () => {
    const storage = new MemoryStorage();
    expect(loadLastRead(asStorage(storage), "room-a")).toBeNull();
    saveLastRead(asStorage(storage), "room-a", id("1"));
    saveLastRead(asStorage(storage), "room-b", id("2"));
    saveLastRead(asStorage(storage), "room-a", id("3"));
    expect(loadLastRead(asStorage(storage), "room-a")).toBe(id("3"));
    expect(loadLastRead(asStorage(storage), "room-b")).toBe(id("2"));
  });

  it("reads anything but a message id as none, and does without storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("chat.lastRead.r", JSON.stringify("not an id"));
    expect(loadLastRead(asStorage(storage), "r")).toBeNull();
    expect(loadLastRead(undefined, "r")).toBeNull();
    expect(loadLastRead(throwingStorage(), "r")).toBeNull();
    expect(() => saveLastRead(throwingStorage(), "r", id("1"))).not.toThrow();
  });
});
