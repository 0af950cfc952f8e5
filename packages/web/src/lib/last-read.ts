import { MessageId } from "@chat/wire";
import * as v from "valibot";
import { readStored, writeStored } from "./tab-storage";

/**
 * The newest message of a room this browser has shown while it was looked at, kept in its
 * localStorage, so that the next visit can mark where the messages that came meanwhile start.
 */
const storageKey = (roomId: string) => `chat.lastRead.${roomId}`;

export function loadLastRead(storage: Storage | undefined, roomId: string): string | null {
  return readStored(storage, storageKey(roomId), v.nullable(MessageId), null);
}

export function saveLastRead(storage: Storage | undefined, roomId: string, messageId: string): void {
  writeStored(storage, storageKey(roomId), messageId);
}
