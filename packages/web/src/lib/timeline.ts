import type { Notice, PendingMessage } from "./room-state";
import type { Message } from "./schemas";

export type TimelineItem =
  | { kind: "message"; key: string; message: Message }
  | { kind: "notice"; key: string; notice: Notice }
  | { kind: "pending"; key: string; pending: PendingMessage };

/** Messages in id order, each join/leave notice after the message it followed, pending last. */
export function buildTimeline(
  messages: readonly Message[],
  notices: readonly Notice[],
  pending: readonly PendingMessage[],
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
  for (const message of messages) {
    items.push({ kind: "message", key: message.id, message });
    items.push(...noticeItems(message.id));
  }
  for (const entry of pending) items.push({ kind: "pending", key: `pending-${entry.clientMessageId}`, pending: entry });
  return items;
}
