import { useId } from "react";
import type { AlertPermission } from "@/hooks/use-notification-permission";

/** "Notify me of mentions": a checkbox, greyed out with the reason where the browser blocks notifications. */
export function MentionAlertsToggle({
  permission,
  on,
  onTurn,
}: {
  permission: AlertPermission;
  on: boolean;
  onTurn: (on: boolean) => void;
}) {
  const blockedId = useId();
  if (permission === "unsupported") return null;
  const blocked = permission === "denied";
  return (
    <label className="flex items-center gap-1.5 border-t border-line pt-2 text-sm text-ink-soft md:mt-auto">
      <input
        type="checkbox"
        checked={on}
        disabled={blocked}
        aria-describedby={blocked ? blockedId : undefined}
        onChange={(event) => onTurn(event.target.checked)}
        className="size-4 accent-indigo-600"
      />
      Notify me of mentions
      {blocked ? (
        <span id={blockedId} className="text-xs text-muted">
          (blocked by this browser's settings for the site)
        </span>
      ) : null}
    </label>
  );
}
