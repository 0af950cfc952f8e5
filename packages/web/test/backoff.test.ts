import { describe, expect, it } from "vitest";
import { reconnectDelay } from "../src/lib/backoff";

describe("reconnectDelay", () => {
  it("doubles per attempt between half and all of the ceiling", () => {
    const low = (attempt: number) => reconnectDelay(attempt, { baseMs: 500, maxMs: 10_000, random: () => 0 });
    const high = (attempt: number) => reconnectDelay(attempt, { baseMs: 500, maxMs: 10_000, random: () => 1 });
    expect([low(0), low(1), low(2), low(3)]).toEqual([250, 500, 1000, 2000]);
    expect([high(0), high(1), high(2), high(3)]).toEqual([500, 1000, 2000, 4000]);
  });

  it("never exceeds the cap", () => {
    for (const attempt of [5, 10, 50, 1000]) {
      expect(reconnectDelay(attempt, { maxMs: 10_000, random: () => 1 })).toBeLessThanOrEqual(10_000);
    }
  });

  it("spreads clients out (jitter)", () => {
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelay(4)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
