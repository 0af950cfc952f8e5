import { dayOf, formatDay } from "./format-time";
import type { Notice, PendingMessage, RoomState } from "./room-state";
import type { Message } from "./schemas";

export type TimelineItem =
  | { kind: "day"; key: string; label: string }
  | { kind: "unread"; key: string }
  /** `continued`: the same author's, right after another of theirs, within GROUP_WITHIN_MS. */
  | { kind: "message"; key: string; message: Message; continued: boolean }
  | { kind: "notice"; key: string; notice: Notice }
  | { kind: "pending"; key: string; pending: PendingMessage };

/** How close together one author's messages must be to show as one group (only the first with its header). */
export const GROUP_WITHIN_MS = 5 * 60_000;

function continues(previous: TimelineItem | undefined, message: Message): boolean {
  if (previous?.kind !== "message" || previous.message.author.id !== message.author.id) return false;
  const gap = Date.parse(message.sentAt) - Date.parse(previous.message.sentAt);
  return gap >= 0 && gap < GROUP_WITHIN_MS;
}

/**
 * Messages in id order, each join/leave notice after the message it followed, pending last, a
 * day's heading before the first message of each day (in the viewer's time zone), and the "New"
 * line before the first message that came while the page was hidden. A message that follows
 * one of its author's own within GROUP_WITHIN_MS, with nothing between them, is `continued`.
 */
export function buildTimeline(
  { messages, notices, pending, unreadFrom }: Pick<RoomState, "messages" | "notices" | "pending" | "unreadFrom">,
  now: Date = new Date(),
): TimelineItem[] {
  const noticesAfter = new Map<string | undefined, Notice[]>();
  for (const notice of notices) {
    const list = noticesAfter.get(notice.afterMessageId) ?? [];
    list.push(notice);
    noticesAfter.set(notice.afterMessageId, list);
  }
  const noticeItems = (afterMessageId: string | undefined): TimelineItem[] =>
    (noticesAfter.get(afterMessageId) ?? []).map((notice) => ({ kind: "notice", key: notice.key, notice }));

  const items: TimelineItem[] = [...noticeItems(undefined)];
  let shownDay: string | undefined;
  const headingFor = (iso: string) => {
    const day = dayOf(iso);
    if (day === "" || day === shownDay) return;
    shownDay = day;
    items.push({ kind: "day", key: `day-${day}`, label: formatDay(iso, now) });
  };
  for (const message of messages) {
    headingFor(message.sentAt);
    if (message.id === unreadFrom) items.push({ kind: "unread", key: "unread" });
    items.push({ kind: "message", key: message.id, message, continued: continues(items.at(-1), message) });
    items.push(...noticeItems(message.id));
  }
  for (const entry of pending) {
    headingFor(entry.createdAt);
    items.push({ kind: "pending", key: `pending-${entry.clientMessageId}`, pending: entry });
  }
  return items;
}
