import { RoomId, RoomName } from "@chat/wire";
import * as v from "valibot";
import { readStoredList, writeStored } from "./tab-storage";

/** The rooms this browser was in lately, newest first, for the start page. */
const STORAGE_KEY = "chat.recentRooms";
export const MAX_RECENT_ROOMS = 8;

const RecentRoom = v.object({ id: RoomId, name: RoomName });
export type RecentRoom = v.InferOutput<typeof RecentRoom>;

export function loadRecentRooms(storage: Storage | undefined): RecentRoom[] {
  return readStoredList(storage, STORAGE_KEY, RecentRoom).slice(0, MAX_RECENT_ROOMS);
}

/** Puts the room first (once), under the name it has now. */
export function rememberRoom(storage: Storage | undefined, room: RecentRoom): void {
  const others = loadRecentRooms(storage).filter((recent) => recent.id !== room.id);
  const recent: RecentRoom = { id: room.id, name: room.name };
  writeStored(storage, STORAGE_KEY, [recent, ...others].slice(0, MAX_RECENT_ROOMS));
}

/** Drops a room found gone (unknown, or expired after everyone left). */
export function forgetRoom(storage: Storage | undefined, roomId: string): void {
  const kept = loadRecentRooms(storage).filter((recent) => recent.id !== roomId);
  writeStored(storage, STORAGE_KEY, kept.length === 0 ? undefined : kept);
}
