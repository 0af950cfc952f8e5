"use client";

import { NameForm } from "../NameForm";

export function JoinForm({ onJoin }: { onJoin: (name: string) => void }) {
  return (
    <NameForm
      label="Your name"
      fieldName="displayName"
      autoComplete="nickname"
      kind="display"
      submitLabel="Join"
      onSubmit={(name) => {
        onJoin(name);
        return undefined;
      }}
    />
  );
}
