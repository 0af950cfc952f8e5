// The one "poll until it holds" loop of the runtime, its tests and the bench:
// readiness of DynamoDB Local and Next.js, processes gone, deliveries arrived.

export interface PollOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between two checks (after a check that did not hold). Default 100 ms. */
  intervalMs?: number;
}

export interface WaitOptions extends PollOptions {
  /** The error to fail with at the deadline; default "timed out after … waiting until <what>". */
  timeoutError?: () => Error;
}

type Check<T> = () => T | false | null | undefined | Promise<T | false | null | undefined>;

const sleep = (ms: number) => new Promise<void>((wake) => setTimeout(wake, ms));

/**
 * Calls `check` until it returns a value other than false/null/undefined and
 * resolves with that value, or with undefined once `timeoutMs` has passed
 * (checked once more at the deadline). An error `check` throws is passed on at
 * once: that is how a caller gives up early (e.g. the process it waits for exited).
 */
export async function pollUntil<T>(
  check: Check<T>,
  { timeoutMs, intervalMs = 100 }: PollOptions,
): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== null && value !== undefined) return value;
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(intervalMs, left));
  }
}

/** pollUntil, failing at the deadline: with `timeoutError()`, else "timed out after … waiting until `what`". */
export async function waitUntil<T>(what: string, check: Check<T>, options: WaitOptions): Promise<T> {
  const value = await pollUntil(check, options);
  if (value !== undefined) return value;
  throw options.timeoutError?.() ?? new Error(`timed out after ${options.timeoutMs} ms waiting until ${what}`);
}

/** For readiness checks: true when `attempt` succeeds, false when it throws. */
export async function succeeds(attempt: () => Promise<unknown>): Promise<boolean> {
  try {
    await attempt();
    return true;
  } catch {
    return false;
  }
}
