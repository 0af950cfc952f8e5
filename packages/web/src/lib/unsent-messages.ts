import { ClientMessageId, MessageId, MessageText } from "@chat/wire";
import * as v from "valibot";
import type { PendingMessage } from "./room-state";

/**
 * The messages a tab wrote that the server has not confirmed, kept in the tab's
 * sessionStorage so that a reload (or a crash of the tab) does not lose them. Per tab, not
 * shared: two tabs of one room must not both send the same message.
 */
const storageKey = (roomId: string) => `chat.unsent.${roomId}`;

const StoredPending = v.object({
  clientMessageId: ClientMessageId,
  text: MessageText,
  createdAt: v.string(),
  sentAfter: v.optional(v.nullable(MessageId)),
  failed: v.optional(v.string()),
});
const StoredUnsent = v.array(StoredPending);

/** What an earlier page load of this tab left unsent in the room; anything unreadable counts as nothing. */
export function loadUnsent(storage: Storage | undefined, roomId: string): PendingMessage[] {
  try {
    const stored = storage?.getItem(storageKey(roomId));
    if (!stored) return [];
    const parsed = v.safeParse(StoredUnsent, JSON.parse(stored));
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}

export function saveUnsent(storage: Storage | undefined, roomId: string, pending: readonly PendingMessage[]): void {
  try {
    if (pending.length === 0) storage?.removeItem(storageKey(roomId));
    else storage?.setItem(storageKey(roomId), JSON.stringify(pending));
  } catch {
    // Private mode or storage full: the messages are still sent while the page stays open.
  }
}

/** The tab's sessionStorage, where there is one (not on the server, not where it is blocked). */
export function tabStorage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}
