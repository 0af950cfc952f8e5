"use client";

import { type KeyboardEvent, useId, useState } from "react";
import { completeMention, mentionBeingWritten, suggestionKey, suggestNames } from "@/lib/mention-suggestions";

/**
 * Suggests the names of the people in the room while an "@…" is being written before the caret
 * of a focused text box, and puts the chosen one in its place (`complete` gets the new text and
 * caret). A mention chosen or closed with Escape stays closed until another "@" is begun.
 */
export function useMentionCompletion(
  text: string,
  names: readonly string[],
  complete: (text: string, caret: number) => void,
) {
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const [active, setActive] = useState({ draft: "", index: 0 });
  const listId = useId();

  const draft = focused ? mentionBeingWritten(text, caret) : null;
  const suggestions = draft && draft.start !== closedAt ? suggestNames(names, draft.query) : [];
  const draftKey = draft ? `${draft.start}:${draft.query}` : "";
  // The highlighted name goes back to the first whenever the query changes.
  const activeIndex = active.draft === draftKey ? Math.min(active.index, suggestions.length - 1) : 0;

  /** Call after each change of the text or of the caret; `closed`: offer nothing for the "@…" there (one put in whole). */
  function follow(nextText: string, nextCaret: number, closed = false) {
    setCaret(nextCaret);
    const start = mentionBeingWritten(nextText, nextCaret)?.start;
    if (closed) setClosedAt(start ?? null);
    else if (start !== closedAt) setClosedAt(null);
  }

  function choose(index: number) {
    const name = suggestions[index];
    if (!draft || name === undefined) return;
    const completed = completeMention(text, draft, name);
    setClosedAt(draft.start);
    setCaret(completed.caret);
    complete(completed.text, completed.caret);
  }

  /** Takes a key meant for the suggestions (arrows, Enter, Tab, Escape) and says whether it did. */
  function handleKey(event: KeyboardEvent<HTMLTextAreaElement>, compositionActive: boolean): boolean {
    if (!draft || suggestions.length === 0) return false;
    const { key, shiftKey, keyCode, nativeEvent } = event;
    const action = suggestionKey({ key, shiftKey, keyCode, isComposing: nativeEvent.isComposing }, compositionActive);
    if (action === null) return false;
    event.preventDefault();
    if (action === "choose") choose(activeIndex);
    else if (action === "close") setClosedAt(draft.start);
    else {
      const step = action === "next" ? 1 : -1;
      setActive({ draft: draftKey, index: (activeIndex + step + suggestions.length) % suggestions.length });
    }
    return true;
  }

  return {
    suggestions,
    activeIndex,
    listId,
    optionId: (index: number) => `${listId}-option-${index}`,
    follow,
    choose,
    handleKey,
    setFocused,
  };
}
