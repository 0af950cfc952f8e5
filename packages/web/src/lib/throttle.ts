/** Calls `action` at most once per `intervalMs`; calls in between are dropped. */
export function throttle(action: () => void, intervalMs: number, now: () => number = Date.now): () => void {
  let lastCall = -Infinity;
  return () => {
    const time = now();
    if (time - lastCall < intervalMs) return;
    lastCall = time;
    action();
  };
}
