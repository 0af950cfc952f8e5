import * as v from "valibot";
import type { RateRule } from "./rate-limit";

// Product settings: environment variables with their defaults, in this one
// place. Core reads them on each call, so the local runtime and tests can
// change them without reloading modules; infra/settings.ts hands them to every
// function at deploy time and the local runtime checks them all at start. A
// bad value is an error naming the variable, never a silent fallback.

/** Each product setting's default, by environment variable. */
export const productSettingDefaults = {
  /** How long a room with no members stays listed and joinable. */
  ROOM_GRACE_SECONDS: 3600,
  /** How long messages are kept. */
  MESSAGE_RETENTION_DAYS: 30,
  /** Concurrent PostToConnection calls per fan-out. */
  FAN_OUT_CONCURRENCY: 64,
  /** WebSocket connects per client address: a burst of this many, refilled at this many per minute. */
  CONNECT_LIMIT_PER_ADDRESS: 30,
  /** Rooms created per client address: a burst of this many, refilled at this many per 10 minutes. */
  ROOM_LIMIT_PER_ADDRESS: 10,
  /** Rooms with more members than this hear joins and leaves in batches (the Presence queue), not one by one. */
  PRESENCE_BATCH_ABOVE: 20,
  /** Batched presence names who joined and left in rooms up to this size; above it, counts only. */
  PRESENCE_NAMES_UP_TO: 500,
  /** The longest a batched room waits between presence notices (the wait doubles from 1 s while notices keep coming). */
  PRESENCE_MAX_GAP_SECONDS: 10,
  /** A frame to more members than this is posted in shards, by parallel invocations (the FanOut queue). */
  FAN_OUT_SHARD_ABOVE: 500,
  /** Members per fan-out shard. */
  FAN_OUT_SHARD_SIZE: 250,
} as const;

export type ProductSettingName = keyof typeof productSettingDefaults;
export type ProductSettings = Record<ProductSettingName, number>;

export const productSettingNames = Object.keys(productSettingDefaults) as ProductSettingName[];

const number = (raw: string) => (raw.trim() === "" ? Number.NaN : Number(raw));

const PositiveNumber = v.pipe(
  v.string(),
  v.transform(number),
  v.number("it must be a number"),
  v.finite("it must be a finite number"),
  v.gtValue(0, "it must be greater than 0"),
);
const WholeNumber = v.pipe(
  v.string(),
  v.transform(number),
  v.number("it must be a number"),
  v.integer("it must be a whole number"),
  v.minValue(1, "it must be 1 or more"),
);

// A shard is one queue message: 1,000 recipients with the longest names and the longest message
// stay under a queue message's 256 KiB (core/test/queue-messages.test.ts).
export const MAX_FAN_OUT_SHARD_SIZE = 1_000;
const ShardSize = v.pipe(
  WholeNumber,
  v.maxValue(MAX_FAN_OUT_SHARD_SIZE, `it must be at most ${MAX_FAN_OUT_SHARD_SIZE} (a shard is one queue message)`),
);

const schemas: Record<ProductSettingName, v.GenericSchema<string, number>> = {
  ROOM_GRACE_SECONDS: PositiveNumber,
  MESSAGE_RETENTION_DAYS: PositiveNumber,
  FAN_OUT_CONCURRENCY: WholeNumber,
  CONNECT_LIMIT_PER_ADDRESS: WholeNumber,
  ROOM_LIMIT_PER_ADDRESS: WholeNumber,
  PRESENCE_BATCH_ABOVE: WholeNumber,
  PRESENCE_NAMES_UP_TO: WholeNumber,
  PRESENCE_MAX_GAP_SECONDS: PositiveNumber,
  FAN_OUT_SHARD_ABOVE: WholeNumber,
  FAN_OUT_SHARD_SIZE: ShardSize,
};

/** The last value parsed per setting: most calls read the same string again. */
const parsed = new Map<ProductSettingName, { raw: string; value: number }>();

/**
 * One product setting from `env`: its default when unset or empty, else the
 * value, checked; throws "bad environment variable NAME: …" for a bad one.
 */
export function readSetting(name: ProductSettingName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return productSettingDefaults[name];
  const last = parsed.get(name);
  if (last?.raw === raw) return last.value;
  const result = v.safeParse(schemas[name], raw);
  if (!result.success) {
    throw new Error(`bad environment variable ${name}=${JSON.stringify(raw)}: ${result.issues[0].message}`);
  }
  parsed.set(name, { raw, value: result.output });
  return result.output;
}

/** Every product setting from `env`, checked: the first bad one throws (see readSetting). */
export function readProductSettings(env: NodeJS.ProcessEnv = process.env): ProductSettings {
  return Object.fromEntries(productSettingNames.map((name) => [name, readSetting(name, env)])) as ProductSettings;
}

/** How long a room with no members stays listed and joinable. */
export const roomGraceSeconds = () => readSetting("ROOM_GRACE_SECONDS");

/** How long messages are kept. */
export const messageRetentionSeconds = () => readSetting("MESSAGE_RETENTION_DAYS") * 24 * 3600;

/** A connection record outlives API Gateway's 2-hour connection limit by a margin. */
export const connectionRecordSeconds = 3 * 3600;

export type AddressLimited = "connect" | "createRoom";

/**
 * Per client address: connects (each also announces a join and a leave to a
 * room) and room creation. A burst, refilled at the same count per period.
 */
export const addressRules = (): Record<AddressLimited, RateRule> => {
  const connects = readSetting("CONNECT_LIMIT_PER_ADDRESS");
  const rooms = readSetting("ROOM_LIMIT_PER_ADDRESS");
  return {
    connect: { burst: connects, perSecond: connects / 60 },
    createRoom: { burst: rooms, perSecond: rooms / 600 },
  };
};

/** Concurrent PostToConnection calls per fan-out. */
export const fanOutConcurrency = () => readSetting("FAN_OUT_CONCURRENCY");

/** Rooms with more members than this hear joins and leaves in batches. */
export const presenceBatchAbove = () => readSetting("PRESENCE_BATCH_ABOVE");

/** Batched presence names members in rooms up to this size; counts only above it. */
export const presenceNamesUpTo = () => readSetting("PRESENCE_NAMES_UP_TO");

/** The longest a batched room waits between presence notices. */
export const presenceMaxGapMs = () => readSetting("PRESENCE_MAX_GAP_SECONDS") * 1000;

/** How a fan-out splits: above `above` recipients, shards of `size`. */
export const fanOutSharding = () => ({
  above: readSetting("FAN_OUT_SHARD_ABOVE"),
  size: readSetting("FAN_OUT_SHARD_SIZE"),
});

/**
 * A member is written during $connect, before API Gateway completes the
 * handshake; until then a post to it answers 410 too. Within this window a 410
 * is not taken as "gone" (its $disconnect cleans up if it never opens).
 */
export const handshakeWindowMs = 30_000;
