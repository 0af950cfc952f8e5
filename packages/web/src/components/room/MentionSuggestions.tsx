/**
 * The names offered to complete an "@…" in the message box, above it. Focus stays in the box
 * (it points at the highlighted name with aria-activedescendant); a click chooses a name.
 */
export function MentionSuggestions({
  id,
  names,
  activeIndex,
  optionId,
  onChoose,
}: {
  id: string;
  names: readonly string[];
  activeIndex: number;
  optionId: (index: number) => string;
  onChoose: (index: number) => void;
}) {
  return (
    <div className="absolute bottom-full left-0 z-10 mb-1 w-72 max-w-full rounded-lg border border-line bg-surface py-1 shadow-lg">
      <div id={id} role="listbox" aria-label="People to mention">
        {names.map((name, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the message box's (arrows, Enter, Tab, Escape), where the focus stays
          <div
            key={name}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            tabIndex={-1}
            // Keeps the focus (and the caret) in the message box.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChoose(index)}
            className={`cursor-pointer truncate px-3 py-1.5 text-sm ${index === activeIndex ? "bg-accent-soft font-medium text-ink" : "text-ink-soft hover:bg-accent-soft"}`}
          >
            @{name}
          </div>
        ))}
      </div>
      {/* Told to screen readers by the message box's status line instead (MentionHint). */}
      <p aria-hidden="true" className="border-t border-line px-3 pt-1 text-xs text-muted">
        ↑ ↓ to pick, Enter or Tab to choose, Esc to close
      </p>
    </div>
  );
}

/**
 * Says, once, that names are offered and how to choose one. It is always there, so that screen
 * readers notice when its text comes (a live region that appears together with its text is
 * often not read).
 */
export function MentionHint({ open }: { open: boolean }) {
  return (
    <p role="status" className="sr-only">
      {open ? "People to mention: Up and Down arrows to pick, Enter or Tab to choose, Escape to close." : ""}
    </p>
  );
}
