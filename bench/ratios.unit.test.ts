import { describe, expect, it } from "vitest";
import { p99AgainstBaseline } from "./ratios";
import type { StepResult, TargetResult } from "./results-types";

const step = (ratePerRoom: number, p99: number) =>
  ({ ratePerRoom, latencyMs: { p50: p99 / 4, p95: p99 / 2, p99, max: p99 } }) as StepResult;
const target = (...steps: StepResult[]) => ({ steps }) as TargetResult;

describe("p99AgainstBaseline", () => {
  it("divides by the baseline step offered the same rate, not the nearest one", () => {
    const baseline = target(step(2.5, 4), step(5, 2));
    expect(p99AgainstBaseline(step(5, 30), baseline)).toBe(15);
    expect(p99AgainstBaseline(step(2.5, 30), baseline)).toBe(7.5);
  });

  it("has no ratio where the baseline did not run the rate, or did not run at all", () => {
    expect(p99AgainstBaseline(step(10, 30), target(step(5, 2)))).toBeUndefined();
    expect(p99AgainstBaseline(step(5, 30), undefined)).toBeUndefined();
  });
});
