import { describe, expect, it } from "vitest";
import type { PendingMessage } from "../src/lib/room-state";
import { loadUnsent, saveUnsent } from "../src/lib/unsent-messages";
import { asStorage, MemoryStorage, throwingStorage } from "./fixtures";

const sending: PendingMessage = {
  clientMessageId: "c1",
  text: "Hello",
  createdAt: "2025-01-02T03:04:05.000Z",
  sentAfter: "01JDQ3ZK8Y0000000000000000",
};
const failed: PendingMessage = { ...sending, clientMessageId: "c2", sentAfter: null, failed: "The server failed" };

describe("unsent messages in the tab's storage", () => {
  it("keeps each room's own, and forgets a room's once none is left", () => {
    const storage = new MemoryStorage();
    saveUnsent(asStorage(storage), "room-a", [sending, failed]);
    saveUnsent(asStorage(storage), "room-b", [failed]);
    expect(loadUnsent(asStorage(storage), "room-a")).toEqual([sending, failed]);
    expect(loadUnsent(asStorage(storage), "room-b")).toEqual([failed]);
    saveUnsent(asStorage(storage), "room-a", []);
    expect([...storage.items.keys()]).toEqual(["chat.unsent.room-b"]);
    expect(loadUnsent(asStorage(storage), "room-a")).toEqual([]);
  });

  it("takes what it cannot read for nothing (not JSON, not a list, an entry of another shape), and only that", () => {
    const storage = new MemoryStorage();
    const load = (stored: string) => {
      storage.setItem("chat.unsent.r", stored);
      return loadUnsent(asStorage(storage), "r");
    };
    expect(load("{not json")).toEqual([]);
    expect(load(JSON.stringify({ clientMessageId: "c1" }))).toEqual([]);
    expect(load(JSON.stringify([{ ...sending, sentAfter: "not an id" }, failed]))).toEqual([failed]);
    expect(load(JSON.stringify([sending, { text: 5 }, failed]))).toEqual([sending, failed]);
    expect(load(JSON.stringify([sending]))).toEqual([sending]);
    // A text the server refuses was shown with Retry and Discard, and is again.
    const refused = { ...failed, text: "half an emoji \ud83d" };
    expect(load(JSON.stringify([sending, refused]))).toEqual([sending, refused]);
    const { sentAfter: _never, ...neverSent } = sending;
    expect(load(JSON.stringify([neverSent]))).toEqual([neverSent]);
  });

  it("does without storage: none there, or one that throws (blocked, full)", () => {
    const throwing = throwingStorage();
    expect(loadUnsent(undefined, "r")).toEqual([]);
    expect(loadUnsent(throwing, "r")).toEqual([]);
    expect(() => saveUnsent(throwing, "r", [sending])).not.toThrow();
    expect(() => saveUnsent(undefined, "r", [sending])).not.toThrow();
  });
});
