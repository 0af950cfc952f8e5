"use client";

import { useRouter } from "next/navigation";
import { ApiError } from "@/lib/api-client";
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
      return caught instanceof ApiError ? caught.message : "Could not reach the server. Please try again.";
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
