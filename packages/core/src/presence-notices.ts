import { ContainerHints } from "./container-hints";
import { deliver } from "./fan-out";
import { membersIfAtMost, membersOf } from "./presence";
import { claimPresenceTurn, setNextPresenceTurn } from "./presence-pacing";
import { type Announcement, announce } from "./queue-messages";
import { presenceBatchAbove, presenceNamesUpTo } from "./settings";
import type { ServerFrame } from "./types";

// Rooms this container found above PRESENCE_BATCH_ABOVE, and when. For a few
// seconds their notices go to the queue without reading the room again: a big
// room filling at once saves a Query per join. A room that shrank to the
// batching size meanwhile hears a batched notice instead of a join or leave,
// which clients handle alike.
const foundBigAt = new ContainerHints<number>(1000);
const TRUST_BIG_MS = 5000;

/** Forgets which rooms were found big (for tests). */
export const forgetBigRooms = () => foundBigAt.clear();

/**
 * One arrival or departure: a small room hears it at once (`join` or `leave`,
 * as always); a room above PRESENCE_BATCH_ABOVE through the Presence queue,
 * batched with its other notices.
 */
export async function notifyPresence(announcement: Announcement, exclude?: string, now = Date.now()): Promise<void> {
  const { roomId, joined, left } = announcement;
  if (now - (foundBigAt.get(roomId) ?? Number.NEGATIVE_INFINITY) < TRUST_BIG_MS) return announce([announcement]);
  // Before the read: a later stamp then never goes with an older count, as this change is already stored.
  const countedAt = Date.now();
  const members = await membersIfAtMost(roomId, presenceBatchAbove());
  if (!members) {
    foundBigAt.set(roomId, now);
    return announce([announcement]);
  }
  foundBigAt.delete(roomId);
  const count = members.length;
  const frame: ServerFrame = joined
    ? { type: "join", member: joined, members: count, countedAt }
    : { type: "leave", member: left!, members: count, countedAt };
  await deliver(roomId, frame, members, exclude);
}

/**
 * A batch of a room's notices, told once to everyone in it: who joined and
 * left with the count after them (`presence`), or in a room above
 * PRESENCE_NAMES_UP_TO the numbers only (`presenceCount`). `countedAt` lets a
 * client keep the newest count when batches arrive out of order. A room told
 * less than its gap ago (presence-pacing.ts) gets the notices later instead,
 * unless the room has gone quiet and they are many enough to tell at once.
 */
export async function tellPresence(roomId: string, announcements: Announcement[]): Promise<void> {
  const countedAt = Date.now();
  const claim = await claimPresenceTurn(roomId, announcements.length, countedAt);
  if (!claim.turn) return announce(announcements, claim.waitSeconds);
  // Before telling (which takes a while in a big room): notices that come meanwhile
  // wait for the real turn, not for the claim's placeholder.
  await setNextPresenceTurn(roomId, countedAt, claim.gapMs);
  const members = await membersOf(roomId);
  const joined = announcements.flatMap((announcement) => (announcement.joined ? [announcement.joined] : []));
  const left = announcements.flatMap((announcement) => (announcement.left ? [announcement.left] : []));
  const count = members.length;
  const frame: ServerFrame =
    count <= presenceNamesUpTo()
      ? { type: "presence", joined, left, members: count, countedAt }
      : { type: "presenceCount", joined: joined.length, left: left.length, members: count, countedAt };
  await deliver(roomId, frame, members);
}
