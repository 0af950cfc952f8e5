import { ClientMessageId, MessageId, MessageText } from "@chat/wire";
import * as v from "valibot";
import type { PendingMessage } from "./room-state";
import { readStored, writeStored } from "./tab-storage";

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
  return readStored(storage, storageKey(roomId), StoredUnsent, []);
}

export function saveUnsent(storage: Storage | undefined, roomId: string, pending: readonly PendingMessage[]): void {
  writeStored(storage, storageKey(roomId), pending.length === 0 ? undefined : pending);
}
