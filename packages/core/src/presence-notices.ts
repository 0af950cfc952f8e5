import { deliver } from "./fan-out";
import { membersIfAtMost, membersOf } from "./presence";
import { claimPresenceTurn, setNextPresenceTurn } from "./presence-pacing";
import { type Announcement, announce } from "./queue-messages";
import { presenceBatchAbove, presenceNamesUpTo } from "./settings";
import type { ServerFrame } from "./types";

/**
 * One arrival or departure: a small room hears it at once (`join` or `leave`,
 * as always); a room above PRESENCE_BATCH_ABOVE through the Presence queue,
 * batched with its other notices.
 */
export async function notifyPresence(announcement: Announcement, exclude?: string): Promise<void> {
  const { roomId, joined, left } = announcement;
  const members = await membersIfAtMost(roomId, presenceBatchAbove());
  if (!members) return announce([announcement]);
  const count = members.length;
  const frame: ServerFrame = joined
    ? { type: "join", member: joined, members: count }
    : { type: "leave", member: left!, members: count };
  await deliver(roomId, frame, members, exclude);
}

/**
 * A batch of a room's notices, told once to everyone in it: who joined and
 * left with the count after them (`presence`), or in a room above
 * PRESENCE_NAMES_UP_TO the numbers only (`presenceCount`). `countedAt` lets a
 * client keep the newest count when batches arrive out of order. A room told
 * less than its gap ago (presence-pacing.ts) gets the notices later instead.
 */
export async function tellPresence(roomId: string, announcements: Announcement[]): Promise<void> {
  const countedAt = Date.now();
  const claim = await claimPresenceTurn(roomId, countedAt);
  if (!claim.turn) return announce(announcements, claim.waitSeconds);
  const members = await membersOf(roomId);
  const joined = announcements.flatMap((announcement) => (announcement.joined ? [announcement.joined] : []));
  const left = announcements.flatMap((announcement) => (announcement.left ? [announcement.left] : []));
  const count = members.length;
  const frame: ServerFrame =
    count <= presenceNamesUpTo()
      ? { type: "presence", joined, left, members: count, countedAt }
      : { type: "presenceCount", joined: joined.length, left: left.length, members: count, countedAt };
  await deliver(roomId, frame, members);
  await setNextPresenceTurn(roomId, countedAt, claim.gapMs);
}
