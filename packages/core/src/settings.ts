import type { RateRule } from "./rate-limit";

// Product settings read from the environment on each call, so the local runtime
// and tests can change them without reloading modules.
function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(value) && value > 0
    ? value
    : fallback;
}

/** How long a room with no members stays listed and joinable. */
export const roomGraceSeconds = () => positiveNumber(process.env.ROOM_GRACE_SECONDS, 3600);

/** How long messages are kept. */
export const messageRetentionSeconds = () =>
  positiveNumber(process.env.MESSAGE_RETENTION_DAYS, 30) * 24 * 3600;

/** A connection record outlives API Gateway's 2-hour connection limit by a margin. */
export const connectionRecordSeconds = 3 * 3600;

export type AddressLimited = "connect" | "createRoom";

/**
 * Per client address: connects (each also announces a join and a leave to a
 * room) and room creation. A burst, refilled at the same count per period.
 */
export const addressRules = (): Record<AddressLimited, RateRule> => {
  const connects = positiveNumber(process.env.CONNECT_LIMIT_PER_ADDRESS, 30);
  const rooms = positiveNumber(process.env.ROOM_LIMIT_PER_ADDRESS, 10);
  return {
    connect: { burst: connects, perSecond: connects / 60 },
    createRoom: { burst: rooms, perSecond: rooms / 600 },
  };
};

/** Concurrent PostToConnection calls per fan-out. */
export const fanOutConcurrency = () => positiveNumber(process.env.FAN_OUT_CONCURRENCY, 64);

/**
 * A member is written during $connect, before API Gateway completes the
 * handshake; until then a post to it answers 410 too. Within this window a 410
 * is not taken as "gone" (its $disconnect cleans up if it never opens).
 */
export const handshakeWindowMs = 30_000;
