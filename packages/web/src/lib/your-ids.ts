import * as v from "valibot";
import { readStoredList, writeStored } from "./tab-storage";

/**
 * The member ids this tab has had in a room. A member id belongs to one connection, so each
 * reconnect and each reload brings a new one; kept in the tab's sessionStorage, they let the
 * page know its own earlier messages as its own. Per tab, as a second tab is another member.
 */
const storageKey = (roomId: string) => `chat.yourIds.${roomId}`;

/** Enough for a day of reconnects; the oldest go first. */
export const MAX_KEPT_IDS = 50;

const StoredId = v.pipe(v.string(), v.maxLength(200));

export function loadYourIds(storage: Storage | undefined, roomId: string): string[] {
  return readStoredList(storage, storageKey(roomId), StoredId);
}

export function saveYourIds(storage: Storage | undefined, roomId: string, ids: readonly string[]): void {
  if (ids.length > 0) writeStored(storage, storageKey(roomId), ids.slice(-MAX_KEPT_IDS));
}

/** `ids` and then `more`, each once, in that order, the newest `MAX_KEPT_IDS` of them. */
export function withIds(ids: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...ids, ...more])].slice(-MAX_KEPT_IDS);
}
