export function ServerErrorLine({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div
      role="alert"
      className="flex items-center justify-between gap-2 rounded-md bg-danger-soft px-3 py-1.5 text-sm text-danger"
    >
      <span className="min-w-0 [overflow-wrap:anywhere]">{message}</span>
      <button type="button" onClick={onDismiss} className="shrink-0 font-medium underline">
        Dismiss
      </button>
    </div>
  );
}
