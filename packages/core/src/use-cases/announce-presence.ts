import { tellPresence } from "../presence-notices";
import { Announcement, parseQueued, type QueuedRecord } from "../queue-messages";

/**
 * The Presence queue's subscriber: a batch of notices, grouped by room, each
 * room told once. Returns the records of rooms that could not be told, for the
 * queue to retry (the other rooms are not told twice).
 */
export async function announcePresence(records: QueuedRecord[]): Promise<string[]> {
  const byRoom = new Map<string, { ids: string[]; announcements: Announcement[] }>();
  for (const record of records) {
    const announcement = parseQueued(Announcement, record.body);
    if (!announcement) continue;
    const room = byRoom.get(announcement.roomId) ?? { ids: [], announcements: [] };
    room.ids.push(record.messageId);
    room.announcements.push(announcement);
    byRoom.set(announcement.roomId, room);
  }
  const failed: string[] = [];
  await Promise.all(
    [...byRoom].map(async ([roomId, room]) => {
      try {
        await tellPresence(roomId, room.announcements);
      } catch (error) {
        console.error(`presence for room ${roomId} failed; its ${room.ids.length} notices will be retried`, error);
        failed.push(...room.ids);
      }
    }),
  );
  return failed;
}
