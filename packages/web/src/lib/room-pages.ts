import type { Room, RoomsPage } from "./schemas";

/** The rooms listed so far, newest first, and the cursor of the next older page (null: none). */
export interface ListedRooms {
  rooms: Room[];
  cursor: string | null;
  /** Pages past the first were loaded: a refresh of the first page keeps them. */
  olderLoaded: boolean;
}

// The list's order, as the API sorts it: by creation time, then id, newest first.
const positionOf = (room: Room) => `${room.createdAt}#${room.id}`;

/**
 * The list with a fresh first page. Once older pages are loaded, the rooms that new ones pushed
 * off the first page are kept (they are older than its last room); a room that is gone from
 * within the first page's span (expired) is dropped.
 */
export function withFirstPage(listed: ListedRooms | null, page: RoomsPage): ListedRooms {
  const last = page.rooms.at(-1);
  if (!listed?.olderLoaded || page.cursor === null || last === undefined) {
    return { rooms: page.rooms, cursor: page.cursor, olderLoaded: false };
  }
  const onPage = new Set(page.rooms.map((room) => room.id));
  const pushedOff = listed.rooms.filter((room) => !onPage.has(room.id) && positionOf(room) < positionOf(last));
  return { rooms: [...page.rooms, ...pushedOff], cursor: listed.cursor, olderLoaded: true };
}

/** The list with the next older page after it (each room once). */
export function withOlderPage(listed: ListedRooms, page: RoomsPage): ListedRooms {
  const listedIds = new Set(listed.rooms.map((room) => room.id));
  const older = page.rooms.filter((room) => !listedIds.has(room.id));
  return { rooms: [...listed.rooms, ...older], cursor: page.cursor, olderLoaded: true };
}
