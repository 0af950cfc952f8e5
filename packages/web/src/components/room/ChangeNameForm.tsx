"use client";

import { NameForm } from "../NameForm";
import { QuietButton } from "../QuietButton";

/** Picks another display name while the room stays open; Cancel keeps the one in use. */
export function ChangeNameForm({
  current,
  onChange,
  onCancel,
}: {
  current: string;
  onChange: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <section aria-label="Change name" className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-3">
      <p className="text-sm text-ink-soft">
        Others will see you leave and join again under the new name. It is remembered in this browser.
      </p>
      <NameForm
        label="Your name"
        fieldName="displayName"
        autoComplete="nickname"
        kind="display"
        submitLabel="Change"
        initialValue={current}
        onSubmit={(name) => {
          onChange(name);
          return undefined;
        }}
      />
      <div>
        <QuietButton onClick={onCancel}>Cancel</QuietButton>
      </div>
    </section>
  );
}
