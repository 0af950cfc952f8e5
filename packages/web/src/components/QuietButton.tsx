import type { ComponentProps } from "react";

/** A small text button for a secondary action ("Copy link", "Change name", "Cancel"). */
export function QuietButton({ className = "", ...props }: ComponentProps<"button">) {
  return (
    <button
      type="button"
      className={`rounded-md px-2 py-1 text-sm font-medium text-accent hover:bg-accent-soft ${className}`}
      {...props}
    />
  );
}
