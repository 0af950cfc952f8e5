"use client";

import { useRouter } from "next/navigation";
import { roomCreationError } from "@/lib/room-creation-error";
import { useClientServices } from "./ConfigProvider";
import { NameForm } from "./NameForm";

export function CreateRoomForm() {
  const { api } = useClientServices();
  const router = useRouter();

  async function createRoom(name: string) {
    try {
      const room = await api.createRoom(name);
      router.push(`/rooms/${encodeURIComponent(room.id)}`);
    } catch (caught) {
      return roomCreationError(caught);
    }
  }

  return (
    <NameForm
      label="Room name"
      fieldName="roomName"
      autoComplete="off"
      kind="room"
      submitLabel="Create"
      busyLabel="Creating…"
      onSubmit={createRoom}
    />
  );
}
