import { describe, expect, it } from "vitest";
import { loadDraft, saveDraft } from "../src/lib/drafts";
import { asStorage, MemoryStorage, throwingStorage } from "./fixtures";

describe("drafts in the tab's storage", () => {
  it("keeps each room's draft as written, and forgets it once the box is empty", () => {
    const storage = new MemoryStorage();
    saveDraft(asStorage(storage), "room-a", "Half a thought\n  on two lines ");
    saveDraft(asStorage(storage), "room-b", "Another");
    expect(loadDraft(asStorage(storage), "room-a")).toBe("Half a thought\n  on two lines ");
    expect(loadDraft(asStorage(storage), "room-b")).toBe("Another");
    saveDraft(asStorage(storage), "room-a", "  \n");
    expect([...storage.items.keys()]).toEqual(["chat.draft.room-b"]);
    expect(loadDraft(asStorage(storage), "room-a")).toBe("");
  });

  it("reads anything but a stored string as no draft, and does without storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("chat.draft.r", "{not json");
    expect(loadDraft(asStorage(storage), "r")).toBe("");
    storage.setItem("chat.draft.r", JSON.stringify({ text: "x" }));
    expect(loadDraft(asStorage(storage), "r")).toBe("");
    expect(loadDraft(undefined, "r")).toBe("");
    expect(loadDraft(throwingStorage(), "r")).toBe("");
    expect(() => saveDraft(throwingStorage(), "r", "text")).not.toThrow();
  });
});
