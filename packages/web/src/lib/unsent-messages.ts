import { ClientMessageId, MessageId } from "@chat/wire";
import * as v from "valibot";
import type { PendingMessage } from "./room-state";
import { readStoredList, writeStored } from "./tab-storage";

/**
 * The messages a tab wrote that the server has not confirmed, kept in the tab's
 * sessionStorage so that a reload (or a crash of the tab) does not lose them. Per tab, not
 * shared: two tabs of one room must not both send the same message.
 */
const storageKey = (roomId: string) => `chat.unsent.${roomId}`;

// The text as written, even one the server refuses (a lone surrogate, say): it was shown, to be
// retried or discarded, and so it is again after a reload.
const StoredPending = v.object({
  clientMessageId: ClientMessageId,
  text: v.string(),
  createdAt: v.string(),
  sentAfter: v.optional(v.nullable(MessageId)),
  failed: v.optional(v.string()),
});

/** What an earlier page load of this tab left unsent in the room (what cannot be read is dropped). */
export function loadUnsent(storage: Storage | undefined, roomId: string): PendingMessage[] {
  return readStoredList(storage, storageKey(roomId), StoredPending);
}

export function saveUnsent(storage: Storage | undefined, roomId: string, pending: readonly PendingMessage[]): void {
  writeStored(storage, storageKey(roomId), pending.length === 0 ? undefined : pending);
}
