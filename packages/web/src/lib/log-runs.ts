/** A run of the log's items, laid out apart from the others; its key is its first item's. */
export interface Run<T> {
  key: string;
  items: T[];
}

/**
 * Splits `items` (each with a key of its own) into runs of at most `size`, where a run starts at
 * each key in `starts` (the runs' first keys last time) and wherever the run being filled is
 * full. Returns the runs and their first keys, for the next call. So an item that stays keeps
 * its run: new items join the last run or start one, older ones put before the first start
 * make runs of their own, and an item put in between only makes its run longer, up to `size`.
 */
export function splitIntoRuns<T extends { key: string }>(
  items: readonly T[],
  starts: ReadonlySet<string>,
  size: number,
): { runs: Run<T>[]; starts: Set<string> } {
  const runs: Run<T>[] = [];
  for (const item of items) {
    const filling = runs.at(-1);
    if (!filling || starts.has(item.key) || filling.items.length >= size) runs.push({ key: item.key, items: [item] });
    else filling.items.push(item);
  }
  return { runs, starts: new Set(runs.map((run) => run.key)) };
}
