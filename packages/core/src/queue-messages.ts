import { Member, ServerFrame } from "@chat/wire";
import { Resource } from "sst";
import * as v from "valibot";
import { sendAll } from "./queues";

// Presence notices of big rooms travel through the Presence queue: its
// subscriber gets them in batches (a batching window) and tells each room once
// per batch, so filling a room of N costs O(N) posts instead of N²/2.

/** One member arriving in or leaving a room, as queued. */
export const Announcement = v.object({
  roomId: v.string(),
  joined: v.optional(Member),
  left: v.optional(Member),
});
export type Announcement = v.InferOutput<typeof Announcement>;

/** Queues notices for the Presence queue's subscriber, delivered after `delaySeconds`. */
export const announce = (announcements: Announcement[], delaySeconds = 0) =>
  sendAll(
    Resource.Presence.url,
    announcements.map((announcement) => JSON.stringify(announcement)),
    delaySeconds,
  );

/** A fan-out shard, as queued: the frame and the members it goes to. */
export const Shard = v.object({
  roomId: v.string(),
  frame: ServerFrame,
  recipients: v.array(v.object({ connectionId: v.string(), member: Member, joinedAt: v.number() })),
});
export type Shard = v.InferOutput<typeof Shard>;

export const queueShards = (shards: Shard[]) =>
  sendAll(
    Resource.FanOut.url,
    shards.map((shard) => JSON.stringify(shard)),
  );

/** A queue record as a subscriber gets it. */
export interface QueuedRecord {
  messageId: string;
  body: string;
}

/** A queued body, parsed; undefined for one that does not fit the schema (logged: it is never retried). */
export function parseQueued<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  body: string,
): v.InferOutput<TSchema> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = v.safeParse(schema, json);
  if (parsed.success) return parsed.output;
  console.error("dropped a queued message that fits no schema", body.slice(0, 200));
  return undefined;
}
