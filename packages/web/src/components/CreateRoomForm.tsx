"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/api-client";
import { nameProblem } from "@/lib/text-rules";
import { useClientServices } from "./ConfigProvider";
import { SubmitButton } from "./SubmitButton";
import { TextField } from "./TextField";

const MAX_ROOM_NAME_LENGTH = 64;

export function CreateRoomForm() {
  const { api } = useClientServices();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = nameProblem(name, MAX_ROOM_NAME_LENGTH);
    if (problem) {
      setError(problem);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const room = await api.createRoom(name.trim());
      router.push(`/rooms/${encodeURIComponent(room.id)}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Could not reach the server. Please try again.");
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4 sm:flex-row sm:items-end">
      <TextField
        label="Room name"
        name="roomName"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={error}
        autoComplete="off"
        autoFocus
        className="flex-1"
      />
      <SubmitButton disabled={submitting}>{submitting ? "Creating…" : "Create"}</SubmitButton>
    </form>
  );
}
