"use client";

import { NameForm } from "../NameForm";

/** "Your name" and its button: the name others will see, chosen to join or changed (`current`). */
export function DisplayNameForm({
  submitLabel,
  current,
  onChoose,
}: {
  submitLabel: string;
  current?: string;
  onChoose: (name: string) => void;
}) {
  return (
    <NameForm
      label="Your name"
      fieldName="displayName"
      autoComplete="nickname"
      kind="display"
      submitLabel={submitLabel}
      initialValue={current}
      onSubmit={(name) => {
        onChoose(name);
        return undefined;
      }}
    />
  );
}
