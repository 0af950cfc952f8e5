import { dayOf, formatDay } from "./format-time";
import type { Notice, PendingMessage, RoomState } from "./room-state";
import type { Message } from "./schemas";

export type TimelineItem =
  | { kind: "day"; key: string; label: string }
  | { kind: "unread"; key: string }
  | { kind: "message"; key: string; message: Message }
  | { kind: "notice"; key: string; notice: Notice }
  | { kind: "pending"; key: string; pending: PendingMessage };

/**
 * Messages in id order, each join/leave notice after the message it followed, pending last, a
 * day's heading before the first message of each day (in the viewer's time zone), and the "New"
 * line before the first message that came while the page was hidden.
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
    items.push({ kind: "message", key: message.id, message });
    items.push(...noticeItems(message.id));
  }
  for (const entry of pending) {
    headingFor(entry.createdAt);
    items.push({ kind: "pending", key: `pending-${entry.clientMessageId}`, pending: entry });
  }
  return items;
}
