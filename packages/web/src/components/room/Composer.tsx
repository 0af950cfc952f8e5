"use client";

import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { isSendKey } from "@/lib/enter-to-send";
import { codePointLength } from "@/lib/text-rules";

const MAX_MESSAGE_LENGTH = 2000;

interface ComposerProps {
  onSend: (text: string) => void;
  onTyping: () => void;
}

/** The "Message" box: Enter sends, Shift+Enter adds a line, Enter that confirms an IME conversion does neither. */
export function Composer({ onSend, onTyping }: ComposerProps) {
  const [text, setText] = useState("");
  const composing = useRef(false);
  const tooLong = codePointLength(text) > MAX_MESSAGE_LENGTH;

  function send() {
    if (text.trim().length === 0 || tooLong) return;
    onSend(text);
    setText("");
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const { key, shiftKey, keyCode, nativeEvent } = event;
    if (!isSendKey({ key, shiftKey, keyCode, isComposing: nativeEvent.isComposing }, composing.current)) return;
    event.preventDefault();
    send();
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    send();
  }

  return (
    <form onSubmit={handleSubmit} className="flex items-end gap-2">
      <label htmlFor="message-input" className="sr-only">
        Message
      </label>
      <textarea
        id="message-input"
        rows={2}
        value={text}
        placeholder="Write a message…"
        aria-invalid={tooLong || undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() !== "") onTyping();
        }}
        onKeyDown={handleKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        className="max-h-40 min-h-11 flex-1 resize-none rounded-lg border border-slate-300 bg-white px-3 py-2 text-base focus-visible:border-indigo-600"
      />
      <button
        type="submit"
        disabled={text.trim().length === 0 || tooLong}
        className="h-11 rounded-lg bg-indigo-600 px-4 font-semibold text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        Send
      </button>
    </form>
  );
}
