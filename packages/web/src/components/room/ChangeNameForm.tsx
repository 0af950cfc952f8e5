"use client";

import { QuietButton } from "../QuietButton";
import { DisplayNameForm } from "./DisplayNameForm";

/** Picks another display name while the room stays open; Cancel (or Escape) keeps the one in use. */
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
    <section
      aria-label="Change name"
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
      className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-3"
    >
      <p className="text-sm text-ink-soft">
        Others will see you leave and join again under the new name. It is remembered in this browser.
      </p>
      <DisplayNameForm submitLabel="Change" current={current} onChoose={onChange} />
      <div>
        <QuietButton onClick={onCancel}>Cancel</QuietButton>
      </div>
    </section>
  );
}
