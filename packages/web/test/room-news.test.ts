import { describe, expect, it } from "vitest";
import { hasNewMessages } from "../src/lib/room-news";

describe("hasNewMessages", () => {
  it("is true when the room's newest message is newer than the last one shown", () => {
    expect(hasNewMessages("01J0000000000000000000000B", "01J0000000000000000000000A")).toBe(true);
    expect(hasNewMessages("01J0000000000000000000000A", "01J0000000000000000000000A")).toBe(false);
    expect(hasNewMessages("01J0000000000000000000000A", "01J0000000000000000000000B")).toBe(false);
  });

  it("counts any message as new when none was shown, and an empty room as without", () => {
    expect(hasNewMessages("01J0000000000000000000000A", null)).toBe(true);
    expect(hasNewMessages(undefined, null)).toBe(false);
    expect(hasNewMessages(undefined, "01J0000000000000000000000A")).toBe(false);
  });
});
