import Link from "next/link";
import type { ReactNode } from "react";

interface RoomLink {
  id: string;
  name: string;
}

/** Rooms as a list of links to them, each with an optional detail on the right (a member count). */
export function RoomLinks<R extends RoomLink>({
  rooms,
  detail,
}: {
  rooms: readonly R[];
  detail?: (room: R) => ReactNode;
}) {
  return (
    <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
      {rooms.map((room) => (
        <li key={room.id} className="flex items-center justify-between gap-4 px-4 py-3">
          <Link
            href={`/rooms/${encodeURIComponent(room.id)}`}
            className="min-w-0 font-medium text-indigo-700 [overflow-wrap:anywhere] hover:underline"
          >
            {room.name}
          </Link>
          {detail ? <span className="shrink-0 text-sm text-slate-600">{detail(room)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
