import { describe, expect, it } from "vitest";
import { nextGapMs } from "../src/presence-pacing";

describe("the gap between a batched room's presence notices", () => {
  it("starts at 1 s", () => {
    expect(nextGapMs(undefined, 50_000, 10_000)).toBe(1000);
  });

  it("doubles while notices keep coming, up to the most allowed", () => {
    const gaps: number[] = [];
    let last: { nextAt: number; gapMs: number } | undefined;
    let now = 0;
    for (let notice = 0; notice < 7; notice++) {
      const gapMs = nextGapMs(last, now, 10_000);
      gaps.push(gapMs);
      last = { nextAt: now + gapMs, gapMs };
      // The next notices were waiting on the queue: told when the turn opens, up
      // to two seconds late (DelaySeconds rounds up, then the batching window).
      now = last.nextAt + (notice % 2 === 0 ? 50 : 2000);
    }
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it("is 1 s again after a quiet spell longer than the last gap and the queue's lateness", () => {
    expect(nextGapMs({ nextAt: 10_000, gapMs: 4000 }, 17_500, 10_000)).toBe(1000);
    expect(nextGapMs({ nextAt: 10_000, gapMs: 4000 }, 16_500, 10_000)).toBe(8000);
  });
});
