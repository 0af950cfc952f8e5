"use client";

import { hasVisibleCharacter, MAX_MESSAGE_LENGTH } from "@chat/wire";
import {
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { useMentionCompletion } from "@/hooks/use-mention-completion";
import { loadDraft, saveDraft } from "@/lib/drafts";
import { isSendKey } from "@/lib/enter-to-send";
import { tabStorage } from "@/lib/tab-storage";
import { codePointLength } from "@/lib/text-rules";
import { MentionHint, MentionSuggestions } from "./MentionSuggestions";

/** The count shows from this many code points on, so the limit is no surprise. */
const SHOW_COUNT_FROM = MAX_MESSAGE_LENGTH - 200;
const formatCount = (count: number) => count.toLocaleString("en-US");

/** What the room can do with the message box from outside it. */
export interface ComposerHandle {
  /** Puts `start` (a quote and a mention: quotes.ts, replyTo) before what is written, the caret after it. */
  startReply(start: string): void;
  /** Gives the box the keyboard's focus. */
  focus(): void;
}

interface ComposerProps {
  ref?: Ref<ComposerHandle>;
  roomId: string;
  /** The others in the room, offered after "@". */
  names: readonly string[];
  onSend: (text: string) => void;
  onTyping: () => void;
}

/**
 * The "Message" box: Enter sends, Shift+Enter adds a line, Enter that confirms an IME conversion
 * does neither. "@" offers the names of the others in the room. What is written and not sent yet
 * is kept per room across reloads of the tab.
 */
export function Composer({ ref, roomId, names, onSend, onTyping }: ComposerProps) {
  const [text, setText] = useState("");
  useEffect(() => setText(loadDraft(tabStorage(), roomId)), [roomId]);
  const composing = useRef(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once a chosen name is in the box (set after React has written the text).
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfterRender.current === null) return;
    box.current?.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
    caretAfterRender.current = null;
  });
  const mention = useMentionCompletion(text, names, replaceText);
  const suggesting = mention.suggestions.length > 0;
  useImperativeHandle(ref, () => ({
    startReply(start: string) {
      replaceText(start + text, start.length);
      mention.follow(start + text, start.length, true);
      box.current?.focus();
    },
    focus() {
      box.current?.focus();
    },
  }));
  const countId = useId();
  // As the server judges it: nothing to see (spaces, zero-width or blank-looking characters only).
  const blank = !hasVisibleCharacter(text);
  // Counted as the server counts it: in code points, once trimmed.
  const length = codePointLength(text.trim());
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const showCount = length >= SHOW_COUNT_FROM;

  function changeText(next: string) {
    setText(next);
    saveDraft(tabStorage(), roomId, next);
  }

  /** Puts in text that was not typed (a chosen name, the start of a reply), the caret at `caret`. */
  function replaceText(next: string, caret: number) {
    caretAfterRender.current = caret;
    changeText(next);
  }

  function send() {
    if (blank || tooLong) return;
    onSend(text);
    changeText("");
    // Sent with the button, which is disabled once the box is empty: the focus goes back to the box.
    box.current?.focus();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention.handleKey(event, composing.current)) return;
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
    <form onSubmit={handleSubmit} className="flex flex-col gap-1">
      <div className="relative flex items-end gap-2">
        {suggesting ? (
          <MentionSuggestions
            id={mention.listId}
            names={mention.suggestions}
            activeIndex={mention.activeIndex}
            optionId={mention.optionId}
            onChoose={mention.choose}
          />
        ) : null}
        <label htmlFor="message-input" className="sr-only">
          Message
        </label>
        <textarea
          ref={box}
          id="message-input"
          dir="auto"
          rows={2}
          value={text}
          placeholder="Write a message…"
          aria-invalid={tooLong || undefined}
          aria-describedby={showCount ? countId : undefined}
          aria-autocomplete="list"
          aria-controls={suggesting ? mention.listId : undefined}
          aria-activedescendant={suggesting ? mention.optionId(mention.activeIndex) : undefined}
          onChange={(event) => {
            changeText(event.target.value);
            mention.follow(event.target.value, event.target.selectionStart);
            if (event.target.value.trim() !== "") onTyping();
          }}
          onSelect={(event) => mention.follow(text, event.currentTarget.selectionStart)}
          onFocus={() => mention.setFocused(true)}
          onBlur={() => mention.setFocused(false)}
          onKeyDown={handleKeyDown}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={() => {
            composing.current = false;
          }}
          className="max-h-40 min-h-11 flex-1 resize-none rounded-lg border border-line-strong bg-surface px-3 py-2 text-base focus-visible:border-indigo-600"
        />
        {/* Past the limit the button stays focusable and says why it does nothing, instead of going silently grey. */}
        <button
          type="submit"
          disabled={blank}
          aria-disabled={tooLong || undefined}
          aria-describedby={tooLong ? countId : undefined}
          // A click or tap leaves the focus in the box (and a phone's keyboard open).
          onMouseDown={(event) => event.preventDefault()}
          className="h-11 rounded-lg bg-indigo-600 px-4 font-semibold text-white hover:bg-indigo-700 disabled:opacity-50 aria-disabled:opacity-50 aria-disabled:hover:bg-indigo-600"
        >
          Send
        </button>
      </div>
      <MentionHint open={suggesting} />
      {showCount ? (
        <p id={countId} className={`px-1 text-sm ${tooLong ? "text-danger" : "text-ink-soft"}`}>
          {formatCount(length)} / {formatCount(MAX_MESSAGE_LENGTH)} characters
          {/* Announced once, when the message goes over; the count itself is not live, so typing stays quiet. */}
          <span role="alert">{tooLong ? ". Too long to send: shorten the message." : null}</span>
        </p>
      ) : null}
    </form>
  );
}
