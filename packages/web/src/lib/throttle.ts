export interface Throttled {
  (): void;
  /** Forget the last call, so the next one goes through at once. */
  reset(): void;
}

/** Calls `action` at most once per `intervalMs`; calls in between are dropped. */
export function throttle(action: () => void, intervalMs: number, now: () => number = Date.now): Throttled {
  let lastCall = -Infinity;
  const throttled = () => {
    const time = now();
    if (time - lastCall < intervalMs) return;
    lastCall = time;
    action();
  };
  throttled.reset = () => {
    lastCall = -Infinity;
  };
  return throttled;
}
