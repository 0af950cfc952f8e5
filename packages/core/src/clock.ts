export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
export const isoTime = (ms: number) => new Date(ms).toISOString();

/** DynamoDB's TTL deletes late, so every read drops expired items itself. */
export const isLive = (item: { expiresAt?: unknown }, now: number) =>
  item.expiresAt === undefined || Number(item.expiresAt) > epochSeconds(now);

/**
 * The TTL value (whole epoch seconds, as DynamoDB wants) for "`seconds` from
 * `now`", rounded up so an item never expires before its full period.
 */
export const expiresAfter = (now: number, seconds: number) => Math.ceil((now + seconds * 1000) / 1000);
