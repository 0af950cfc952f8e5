export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

/**
 * Delay before reconnect attempt number `attempt` (0 = first retry): exponential growth capped
 * at `maxMs`, with "equal jitter" (half fixed, half random) so that many clients dropped by the
 * same server restart do not all come back in the same instant.
 */
export function reconnectDelay(
  attempt: number,
  { baseMs = 500, maxMs = 10_000, random = Math.random }: BackoffOptions = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
