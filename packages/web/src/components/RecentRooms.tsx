"use client";

import { useEffect, useState } from "react";
import { useRoomNews } from "@/hooks/use-room-news";
import { loadRecentRooms, type RecentRoom } from "@/lib/recent-rooms";
import { browserStorage } from "@/lib/tab-storage";
import { RoomLinks } from "./RoomLinks";

/**
 * "Your recent rooms": the rooms this browser was in lately, to go back to, each marked when it
 * has messages this browser has not shown; nothing when there are none.
 */
export function RecentRooms() {
  const [rooms, setRooms] = useState<RecentRoom[]>([]);
  useEffect(() => setRooms(loadRecentRooms(browserStorage())), []);
  const withNews = useRoomNews(rooms.map((room) => room.id));
  if (rooms.length === 0) return null;

  return (
    <section aria-labelledby="recent-rooms-heading" className="flex flex-col gap-2">
      <h2 id="recent-rooms-heading" className="text-lg font-semibold">
        Your recent rooms
      </h2>
      <RoomLinks
        rooms={rooms}
        detail={(room) =>
          withNews.has(room.id) ? <span className="font-semibold text-accent">New messages</span> : null
        }
      />
    </section>
  );
}
