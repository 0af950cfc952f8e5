import type { ButtonHTMLAttributes } from "react";

/** A small text button for a secondary action ("Copy link", "Change name", "Cancel"). */
export function QuietButton({ className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      className={`rounded-md px-2 py-1 text-sm font-medium text-accent hover:bg-accent-soft ${className}`}
      {...props}
    />
  );
}
