import type { ConnectionStatus as Status } from "@/lib/chat-session";

const presentation: Record<Status, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-amber-500" },
  connected: { label: "Connected", dot: "bg-emerald-500" },
  reconnecting: { label: "Reconnecting…", dot: "bg-red-500 animate-pulse" },
  not_found: { label: "Room closed", dot: "bg-slate-400" },
};

export function ConnectionStatus({ status }: { status: Status }) {
  const { label, dot } = presentation[status];
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-ink-soft">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${dot}`} />
      {label}
    </p>
  );
}
