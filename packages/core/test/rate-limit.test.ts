import { describe, expect, it } from "vitest";
import { decide, emissionIntervalMs, FRAME_RULE, type RateRule } from "../src/rate-limit";

/** Plays frames at the given times through the GCRA decision, as the connection record would. */
function play(times: number[], rule: RateRule = FRAME_RULE) {
  let tat: number | undefined;
  return times.map((now) => {
    const decision = decide(tat, now, rule);
    if (decision.kind === "idle") tat = now + emissionIntervalMs(rule);
    if (decision.kind === "busy") tat = tat! + emissionIntervalMs(rule);
    return decision.kind !== "limited";
  });
}

describe("the per-connection rate limit", () => {
  it("accepts a burst of 50 frames at once", () => {
    expect(play(Array(50).fill(1_000)).every(Boolean)).toBe(true);
  });

  it("accepts 10 frames per second for a minute, then a burst of 50 on top", () => {
    const steady = Array.from({ length: 600 }, (_, index) => index * 100);
    const burst = Array(50).fill(60_000);
    expect(play([...steady, ...burst]).every(Boolean)).toBe(true);
  });

  it("limits a flood", () => {
    const accepted = play(Array(500).fill(5_000)).filter(Boolean).length;
    expect(accepted).toBeLessThan(100);
  });

  it("recovers after a pause", () => {
    const results = play([...Array(200).fill(0), 10_000]);
    expect(results.at(-1)).toBe(true);
  });
});

describe("a rule of its own (per-address limits)", () => {
  const rule = { burst: 3, perSecond: 1 / 60 };

  it("accepts the burst, then one per interval, and says when to retry", () => {
    expect(play([0, 0, 0, 0], rule)).toEqual([true, true, true, false]);
    expect(play([0, 0, 0, 60_000], rule)).toEqual([true, true, true, true]);
    let tat = 0;
    for (let event = 0; event < 3; event++) tat = Math.max(tat, 0) + emissionIntervalMs(rule);
    expect(decide(tat, 0, rule)).toEqual({ kind: "limited", retryAfterMs: 60_000 });
  });
});
