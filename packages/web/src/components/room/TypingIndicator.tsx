"use client";

import { useEffect, useRef, useState } from "react";

const typingText = (names: string[]) => `${names.join(", ")} ${names.length === 1 ? "is" : "are"} typing`;

/**
 * "… is typing" under the log. The visible line follows every change, but screen
 * readers hear only when someone starts typing: a polite region that announced each
 * refresh, stop and reshuffle would talk over the messages themselves (the log is a
 * live region too). It is emptied, silently, once everyone it named has stopped.
 */
export function TypingIndicator({ names }: { names: string[] }) {
  const shown = useRef<string[]>([]);
  const [announcement, setAnnouncement] = useState<{ text: string; names: string[] }>({ text: "", names: [] });

  useEffect(() => {
    const started = names.filter((name) => !shown.current.includes(name));
    shown.current = names;
    if (started.length > 0) {
      setAnnouncement({ text: typingText(started), names: started });
    } else {
      setAnnouncement((current) =>
        current.names.some((name) => names.includes(name))
          ? current
          : current.text === ""
            ? current
            : { text: "", names: [] },
      );
    }
  }, [names]);

  return (
    <div className="min-h-5 truncate px-1 text-sm text-muted italic">
      <span aria-hidden="true">
        {names.map((name, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two members may share a name; the line is redrawn whole
          <span key={`${name}-${index}`}>
            {index > 0 ? " · " : null}
            {name} is typing
          </span>
        ))}
      </span>
      <span className="sr-only" aria-live="polite">
        {announcement.text}
      </span>
    </div>
  );
}
