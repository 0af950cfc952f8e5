"use client";

import { MAX_DISPLAY_NAME_LENGTH } from "@/lib/display-name";
import { NameForm } from "../NameForm";

export function JoinForm({ onJoin }: { onJoin: (name: string) => void }) {
  return (
    <NameForm
      label="Your name"
      fieldName="displayName"
      autoComplete="nickname"
      maxLength={MAX_DISPLAY_NAME_LENGTH}
      submitLabel="Join"
      onSubmit={onJoin}
    />
  );
}
