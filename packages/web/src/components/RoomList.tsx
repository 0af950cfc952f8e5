"use client";

import { useEffect, useRef, useState } from "react";
import { useRoomList } from "@/hooks/use-room-list";
import { memberCountLabel } from "@/lib/member-count";
import { roomNameMatches } from "@/lib/room-filter";
import { RoomLinks } from "./RoomLinks";
import { TextField } from "./TextField";

// A search that finds nothing among the rooms loaded looks through up to this many older pages
// by itself (50 rooms each), then leaves it to "Show older rooms".
const PAGES_SEARCHED = 10;

export function RoomList() {
  const { rooms, hasMore, loadMore, loadingMore, error } = useRoomList();
  const [query, setQuery] = useState("");
  const shown = rooms?.filter((room) => roomNameMatches(room.name, query)) ?? null;
  const pagesSearched = useRef(0);
  const lookFurther = query.trim() !== "" && shown?.length === 0 && hasMore;
  const searching = lookFurther && pagesSearched.current < PAGES_SEARCHED;
  useEffect(() => {
    if (!searching || loadingMore) return;
    pagesSearched.current++;
    void loadMore();
  }, [searching, loadingMore, loadMore]);

  return (
    <section aria-labelledby="rooms-heading" className="flex flex-col gap-3">
      <h2 id="rooms-heading" className="sr-only">
        Rooms
      </h2>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      {rooms !== null && rooms.length > 0 ? (
        <TextField
          label="Find a room"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
      ) : null}
      {shown === null ? (
        <p className="text-ink-soft">Loading rooms…</p>
      ) : rooms?.length === 0 ? (
        <p className="text-ink-soft">No rooms yet. Create the first one.</p>
      ) : shown.length === 0 ? (
        <p role="status" className="text-ink-soft">
          {searching
            ? `Looking for “${query.trim()}” among older rooms…`
            : `No room name contains “${query.trim()}”${hasMore ? ` among the ${rooms?.length} newest. Show older rooms to look further.` : "."}`}
        </p>
      ) : (
        <RoomLinks rooms={shown} detail={(room) => memberCountLabel(room.members)} />
      )}
      {hasMore ? (
        <button
          type="button"
          onClick={() => void loadMore()}
          className="self-start text-sm font-medium text-accent underline"
        >
          Show older rooms
        </button>
      ) : null}
    </section>
  );
}
