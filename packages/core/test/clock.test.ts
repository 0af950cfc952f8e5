import { describe, expect, it } from "vitest";
import { expiresAfter, isLive } from "../src/clock";

describe("expiry", () => {
  it("keeps an item for at least its full period, and at most a second more", () => {
    for (const now of [1_000_000, 1_000_001, 1_000_500, 1_000_950, 1_000_999]) {
      const item = { expiresAt: expiresAfter(now, 5) };
      expect(isLive(item, now + 4_999)).toBe(true);
      expect(isLive(item, now + 6_000)).toBe(false);
    }
  });

  it("treats an item without expiresAt as live", () => {
    expect(isLive({}, Date.now())).toBe(true);
  });
});
