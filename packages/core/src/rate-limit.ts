// Rate limits as a generic cell rate algorithm (GCRA): one stored "theoretical
// arrival time" (tat) per limited thing, so checking and recording an event is a
// single conditional UpdateItem.

export interface RateRule {
  /** Events accepted at once after a quiet spell. */
  burst: number;
  /** Sustained events per second. */
  perSecond: number;
}

export const emissionIntervalMs = (rule: RateRule) => 1000 / rule.perSecond;
export const toleranceMs = (rule: RateRule) => (rule.burst - 1) * emissionIntervalMs(rule);

/** Frames per connection. docs/api.md promises bursts of 50 and 10 frames/s; these leave margin. */
export const FRAME_RULE: RateRule = { burst: 60, perSecond: 12 };

export type RateDecision =
  | { kind: "idle" } // tat <= now: next tat is now + interval
  | { kind: "busy" } // now < tat <= now + tolerance: next tat is tat + interval
  | { kind: "limited"; retryAfterMs: number };

export function decide(tat: number | undefined, now: number, rule: RateRule = FRAME_RULE): RateDecision {
  if (tat === undefined || tat <= now) return { kind: "idle" };
  if (tat - now <= toleranceMs(rule)) return { kind: "busy" };
  return { kind: "limited", retryAfterMs: tat - toleranceMs(rule) - now };
}
