"use client";

import { useState, type FormEvent } from "react";
import { MAX_DISPLAY_NAME_LENGTH } from "@/lib/display-name";
import { nameProblem } from "@/lib/text-rules";
import { SubmitButton } from "../SubmitButton";
import { TextField } from "../TextField";

export function JoinForm({ onJoin }: { onJoin: (name: string) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = nameProblem(name, MAX_DISPLAY_NAME_LENGTH);
    if (problem) setError(problem);
    else onJoin(name.trim());
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4 sm:flex-row sm:items-end">
      <TextField
        label="Your name"
        name="displayName"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={error}
        autoComplete="nickname"
        autoFocus
        className="flex-1"
      />
      <SubmitButton>Join</SubmitButton>
    </form>
  );
}
