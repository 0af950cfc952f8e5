/** A stage's route throttling, as `stageThrottling` (routes.ts) gives it to API Gateway. */
export interface StageThrottling {
  throttlingRateLimit: number;
  throttlingBurstLimit: number;
}

/** API Gateway's answer to a throttled HTTP request (status 429). */
export const TOO_MANY_REQUESTS_BODY = '{"message":"Too Many Requests"}';

/**
 * API Gateway's throttle for a stage's routes: a token bucket per route, holding at most the
 * burst limit and refilled at the rate limit per second; a request that finds its route's bucket
 * empty is refused. Without limits every request passes.
 */
export function routeThrottle(limits: StageThrottling | undefined, now: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return function admit(routeKey: string): boolean {
    if (!limits) return true;
    const at = now();
    const bucket = buckets.get(routeKey) ?? { tokens: limits.throttlingBurstLimit, at };
    bucket.tokens = Math.min(
      limits.throttlingBurstLimit,
      bucket.tokens + ((at - bucket.at) / 1000) * limits.throttlingRateLimit,
    );
    bucket.at = at;
    buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
