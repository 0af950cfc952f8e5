"use client";

import Link from "next/link";
import { useRoomList } from "@/hooks/use-room-list";
import { memberCountLabel } from "@/lib/member-count";

export function RoomList() {
  const { rooms, hasMore, loadMore, error } = useRoomList();

  return (
    <section aria-labelledby="rooms-heading" className="flex flex-col gap-3">
      <h2 id="rooms-heading" className="sr-only">
        Rooms
      </h2>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {rooms === null ? (
        <p className="text-slate-600">Loading rooms…</p>
      ) : rooms.length === 0 ? (
        <p className="text-slate-600">No rooms yet. Create the first one.</p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {rooms.map((room) => (
            <li key={room.id} className="flex items-center justify-between gap-4 px-4 py-3">
              <Link
                href={`/rooms/${encodeURIComponent(room.id)}`}
                className="min-w-0 font-medium text-indigo-700 [overflow-wrap:anywhere] hover:underline"
              >
                {room.name}
              </Link>
              <span className="shrink-0 text-sm text-slate-600">{memberCountLabel(room.members)}</span>
            </li>
          ))}
        </ul>
      )}
      {hasMore ? (
        <button
          type="button"
          onClick={() => void loadMore()}
          className="self-start text-sm font-medium text-indigo-700 underline"
        >
          Show older rooms
        </button>
      ) : null}
    </section>
  );
}
