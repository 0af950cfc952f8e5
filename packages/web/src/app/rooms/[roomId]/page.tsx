import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoomScreen } from "@/components/room/RoomScreen";
import { findRoom } from "./find-room";

interface RoomPageProps {
  params: Promise<{ roomId: string }>;
}

// Dynamic on purpose: the room's name (the title) and whether it exists are per-request data.
export async function generateMetadata({ params }: RoomPageProps): Promise<Metadata> {
  const lookup = await findRoom((await params).roomId);
  return lookup.state === "found" ? { title: lookup.room.name } : {};
}

export default async function RoomPage({ params }: RoomPageProps) {
  const { roomId } = await params;
  const lookup = await findRoom(roomId);
  // Unknown or expired: HTTP 404 with ./not-found.tsx ("Room not found").
  if (lookup.state === "missing") notFound();
  return <RoomScreen key={roomId} roomId={roomId} room={lookup.state === "found" ? lookup.room : undefined} />;
}
