"use client";

import { type FormEvent, useState } from "react";
import { type NameKind, nameProblem } from "@/lib/text-rules";
import { SubmitButton } from "./SubmitButton";
import { TextField } from "./TextField";

interface NameFormProps {
  label: string;
  fieldName: string;
  autoComplete: string;
  /** Which of the contract's names this is: its rules come from @chat/wire. */
  kind: NameKind;
  submitLabel: string;
  busyLabel?: string;
  /** What the box holds at first (the name in use, when changing it). */
  initialValue?: string;
  /** Gets the trimmed, valid name; resolves to an error message to show, if any. */
  onSubmit: (name: string) => Promise<string | undefined> | undefined;
}

/** One labelled name field and its button, checked against the contract's name rules. */
export function NameForm({
  label,
  fieldName,
  autoComplete,
  kind,
  submitLabel,
  busyLabel,
  initialValue = "",
  onSubmit,
}: NameFormProps) {
  const [name, setName] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = nameProblem(name, kind);
    if (problem) {
      setError(problem);
      return;
    }
    setSubmitting(true);
    setError(null);
    const failure = await onSubmit(name.trim());
    if (failure) {
      setError(failure);
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <TextField
        label={label}
        name={fieldName}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={error}
        autoComplete={autoComplete}
        autoFocus
        className="flex-1"
      />
      {/* Level with the input, below its label, whether or not an error shows under it. */}
      <div className="sm:pt-6">
        <SubmitButton disabled={submitting}>{submitting && busyLabel ? busyLabel : submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
