import type { StepResult, TargetResult } from "./results-types";
import { round } from "./stats";

const ratio = (ours: number | undefined, baseline: number | undefined) =>
  ours !== undefined && baseline ? round(ours / baseline, 3) : Number.NaN;

/** The highest offered rate per room at which both servers kept up. */
export function commonStep(
  ours: TargetResult,
  baseline: TargetResult,
): { ours: StepResult; baseline: StepResult } | undefined {
  const baselineByRate = new Map(baseline.steps.filter((step) => step.keptUp).map((step) => [step.ratePerRoom, step]));
  const shared = ours.steps.filter((step) => step.keptUp && baselineByRate.has(step.ratePerRoom)).at(-1);
  return shared && { ours: shared, baseline: baselineByRate.get(shared.ratePerRoom)! };
}

/** Ours' p99 at a step over the baseline's at the same offered rate, when the baseline ran that rate. */
export function p99AgainstBaseline(step: StepResult, baseline: TargetResult | undefined): number | undefined {
  const baselineStep = baseline?.steps.find((candidate) => candidate.ratePerRoom === step.ratePerRoom);
  return baselineStep ? ratio(step.latencyMs.p99, baselineStep.latencyMs.p99) : undefined;
}

/**
 * Ours divided by the baseline's: throughput and connect rate (below 1 is
 * slower), and latency at the same offered load (above 1 is slower).
 */
export function compareWithBaseline(ours: TargetResult, baseline: TargetResult): Record<string, number> {
  const shared = commonStep(ours, baseline);
  return {
    sustainedDeliveriesPerSecond: ratio(ours.sustained?.deliveriesPerSecond, baseline.sustained?.deliveriesPerSecond),
    peakDeliveriesPerSecond: ratio(ours.peakDeliveriesPerSecond, baseline.peakDeliveriesPerSecond),
    connectsPerSecond: ratio(ours.connect.perSecond, baseline.connect.perSecond),
    ...(shared && {
      latencyComparedAtRatePerRoom: shared.ours.ratePerRoom,
      p50AtSameLoad: ratio(shared.ours.latencyMs.p50, shared.baseline.latencyMs.p50),
      p95AtSameLoad: ratio(shared.ours.latencyMs.p95, shared.baseline.latencyMs.p95),
      p99AtSameLoad: ratio(shared.ours.latencyMs.p99, shared.baseline.latencyMs.p99),
    }),
  };
}
