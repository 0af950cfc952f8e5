import { dayOf, formatDay } from "./format-time";
import type { Notice, PendingMessage } from "./room-state";
import type { Message } from "./schemas";

export type TimelineItem =
  | { kind: "day"; key: string; label: string }
  | { kind: "message"; key: string; message: Message }
  | { kind: "notice"; key: string; notice: Notice }
  | { kind: "pending"; key: string; pending: PendingMessage };

/**
 * Messages in id order, each join/leave notice after the message it followed, pending last,
 * and a day's heading before the first message of each day (in the viewer's time zone).
 */
export function buildTimeline(
  messages: readonly Message[],
  notices: readonly Notice[],
  pending: readonly PendingMessage[],
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
    items.push({ kind: "message", key: message.id, message });
    items.push(...noticeItems(message.id));
  }
  for (const entry of pending) {
    headingFor(entry.createdAt);
    items.push({ kind: "pending", key: `pending-${entry.clientMessageId}`, pending: entry });
  }
  return items;
}
