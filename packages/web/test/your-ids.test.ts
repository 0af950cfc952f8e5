import { describe, expect, it } from "vitest";
import { loadYourIds, MAX_KEPT_IDS, saveYourIds, withIds } from "../src/lib/your-ids";
import { asStorage, MemoryStorage, throwingStorage } from "./fixtures";

describe("your ids in the tab's storage", () => {
  it("keeps each room's ids, newest last, and at most MAX_KEPT_IDS of them", () => {
    const storage = new MemoryStorage();
    saveYourIds(asStorage(storage), "room-a", ["m1", "m2"]);
    saveYourIds(asStorage(storage), "room-b", ["m9"]);
    expect(loadYourIds(asStorage(storage), "room-a")).toEqual(["m1", "m2"]);
    expect(loadYourIds(asStorage(storage), "room-b")).toEqual(["m9"]);
    const many = Array.from({ length: MAX_KEPT_IDS + 5 }, (_, index) => `m${index}`);
    saveYourIds(asStorage(storage), "room-a", many);
    expect(loadYourIds(asStorage(storage), "room-a")).toEqual(many.slice(-MAX_KEPT_IDS));
    saveYourIds(asStorage(storage), "room-a", []);
    expect(loadYourIds(asStorage(storage), "room-a")).toHaveLength(MAX_KEPT_IDS);
  });

  it("reads the strings of a list, anything else as none, and does without storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("chat.yourIds.r", JSON.stringify(["m1", 2, "m3"]));
    expect(loadYourIds(asStorage(storage), "r")).toEqual(["m1", "m3"]);
    storage.setItem("chat.yourIds.r", JSON.stringify({ 0: "m1" }));
    expect(loadYourIds(asStorage(storage), "r")).toEqual([]);
    storage.setItem("chat.yourIds.r", "not json");
    expect(loadYourIds(asStorage(storage), "r")).toEqual([]);
    expect(loadYourIds(undefined, "r")).toEqual([]);
    expect(loadYourIds(throwingStorage(), "r")).toEqual([]);
    expect(() => saveYourIds(throwingStorage(), "r", ["m1"])).not.toThrow();
  });

  it("merges ids once each, in order, keeping the newest", () => {
    expect(withIds(["m1", "m2"], ["m2", "m3"])).toEqual(["m1", "m2", "m3"]);
    const many = Array.from({ length: MAX_KEPT_IDS }, (_, index) => `m${index}`);
    expect(withIds(many, ["new"]).at(-1)).toBe("new");
    expect(withIds(many, ["new"])).toHaveLength(MAX_KEPT_IDS);
  });
});
