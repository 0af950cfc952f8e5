"use client";

import { useEffect, useState } from "react";
import { loadRecentRooms, type RecentRoom } from "@/lib/recent-rooms";
import { browserStorage } from "@/lib/tab-storage";
import { RoomLinks } from "./RoomLinks";

/** "Your recent rooms": the rooms this browser was in lately, to go back to; nothing when there are none. */
export function RecentRooms() {
  const [rooms, setRooms] = useState<RecentRoom[]>([]);
  useEffect(() => setRooms(loadRecentRooms(browserStorage())), []);
  if (rooms.length === 0) return null;

  return (
    <section aria-labelledby="recent-rooms-heading" className="flex flex-col gap-2">
      <h2 id="recent-rooms-heading" className="text-lg font-semibold">
        Your recent rooms
      </h2>
      <RoomLinks rooms={rooms} />
    </section>
  );
}
