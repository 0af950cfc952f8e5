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
    <ul className="divide-y divide-line overflow-hidden rounded-lg border border-line bg-surface">
      {rooms.map((room) => (
        <li key={room.id} className="flex items-center justify-between gap-4 px-4 py-3">
          <Link
            href={`/rooms/${encodeURIComponent(room.id)}`}
            className="min-w-0 font-medium text-accent [overflow-wrap:anywhere] hover:underline"
          >
            {room.name}
          </Link>
          {detail ? <span className="shrink-0 text-sm text-ink-soft">{detail(room)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
