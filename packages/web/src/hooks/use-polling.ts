"use client";

import { useEffect } from "react";

/**
 * Whether the run that called it still counts: false once the component has
 * unmounted or the poll was replaced. Check it before setting state.
 */
export type StillActive = () => boolean;

/**
 * The site's one polling loop: runs `poll` at once and, while it resolves to
 * true, again `intervalMs` after each run has finished (never two at a time).
 * It stops on unmount and starts over when `poll` or `intervalMs` change, so
 * memoize `poll` with useCallback over what it reads. A `poll` that throws is
 * run again, as if it had resolved to true.
 *
 * A refresh returns true every time; a lookup retried only after a failure
 * returns true from its catch and false once it has its answer.
 */
export function usePolling(poll: (active: StillActive) => Promise<boolean>, intervalMs: number): void {
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const active = () => !cancelled;
    const run = async () => {
      const again = await poll(active).catch(() => true);
      if (again && !cancelled) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [poll, intervalMs]);
}
