// Per-connection limit as a generic cell rate algorithm (GCRA): one stored
// "theoretical arrival time" (tat), so checking and recording a frame is a
// single conditional UpdateItem on the connection record.
// The contract promises bursts of 50 and 10 frames/s sustained; these leave margin.
export const BURST = 60;
export const FRAMES_PER_SECOND = 12;

export const emissionIntervalMs = 1000 / FRAMES_PER_SECOND;
export const toleranceMs = (BURST - 1) * emissionIntervalMs;

export type RateDecision =
  | { kind: "idle" } // tat <= now: next tat is now + interval
  | { kind: "busy" } // now < tat <= now + tolerance: next tat is tat + interval
  | { kind: "limited" };

export function decide(tat: number | undefined, now: number): RateDecision {
  if (tat === undefined || tat <= now) return { kind: "idle" };
  if (tat - now <= toleranceMs) return { kind: "busy" };
  return { kind: "limited" };
}
