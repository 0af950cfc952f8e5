import * as v from "valibot";
import { readStored, writeStored } from "./tab-storage";

/** What was being written in a room's message box, kept across a reload of the tab and a visit to another room. */
const storageKey = (roomId: string) => `chat.draft.${roomId}`;

export function loadDraft(storage: Storage | undefined, roomId: string): string {
  return readStored(storage, storageKey(roomId), v.string(), "");
}

export function saveDraft(storage: Storage | undefined, roomId: string, text: string): void {
  writeStored(storage, storageKey(roomId), text.trim() === "" ? undefined : text);
}
