"use client";

import type { Message } from "@chat/wire";
import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { splitIntoRuns } from "@/lib/log-runs";
import { mentionOf } from "@/lib/mentions";
import { shortened } from "@/lib/shortened";
import type { TimelineItem } from "@/lib/timeline";
import {
  DayHeading,
  MessageEntry,
  NoticeEntry,
  type PendingActions,
  PendingEntry,
  type ReplyControl,
  UnreadLine,
} from "./LogEntries";

const NEAR_EDGE_PX = 80;
// How much of a new message a screen reader is read (in code points).
const ANNOUNCED_LENGTH = 300;
// Entries per run of the log: appending one lays out its run (and the list of runs), so the
// cost of a new message stays the same however long the log grows.
const RUN_SIZE = 100;
// A reader this many screens up from the newest message is offered a way back down.
const FAR_SCREENS = 2;
// Room above the "New" line when it is scrolled to the top, so that it does not touch the edge.
const LINE_MARGIN_PX = 8;

interface MessageLogProps {
  items: TimelineItem[];
  /** Whether a message is this tab's own (room-state's isYours). */
  isOwn: (message: Message) => boolean;
  onReply: (message: Message) => void;
  /** Where the focus goes when the button to the newest message, used from the keyboard, goes away. */
  onKeyboardJump: () => void;
  youName: string;
  /** Names that begin with yours ("Mary Ann" for "Mary"; mentions.ts, namesExtending): their mentions are not yours. */
  longerNames: readonly string[];
  /** The history the room opened with is in `items` (what comes after it is new). */
  historyLoaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  pendingActions: PendingActions;
}

/**
 * The scrolling message list. Stays pinned to the bottom while the reader is there, loads
 * older history when scrolled to the top, and keeps the reader's place when it is prepended.
 * A message that arrives while the reader is further up shows a "New messages" button that
 * takes them down; a reader far up without one gets "Jump to latest".
 */
export function MessageLog({
  items,
  isOwn,
  onReply,
  onKeyboardJump,
  youName,
  longerNames,
  historyLoaded,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  pendingActions,
}: MessageLogProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  // The log's size when the reader's position was last known. A scroll event comes a frame
  // after the scroll, so a message arriving in between must be judged by where the reader is
  // now against the size before it, not by the last scroll event.
  const sizeSeen = useRef<LogSize>({ scrollHeight: 0, clientHeight: 0 });
  const distanceFromBottomBeforeLoad = useRef<number | null>(null);
  const [newBelow, setNewBelow] = useState(false);
  const [farFromBottom, setFarFromBottom] = useState(false);
  const newestMessageKey = items.findLast((item) => item.kind === "message")?.key;
  const newestMessageKeyBefore = useRef(newestMessageKey);
  // Messages were shown before (the first ones open the log at the "New" line, if there is one).
  const messagesShownBefore = useRef(false);
  // The message whose Reply is the log's stop for the Tab key: the newest, until another is focused.
  const [replyStop, setReplyStop] = useState<string | undefined>(undefined);
  const replyStopId = items.some((item) => item.key === replyStop) ? replyStop : newestMessageKey;
  // One control for every entry, for the life of the log, so that memoized entries stay as they
  // are; it calls the latest onReply.
  const latestOnReply = useRef(onReply);
  useLayoutEffect(() => {
    latestOnReply.current = onReply;
  });
  const replyControl = useMemo<ReplyControl>(
    () => ({
      reply: (message) => latestOnReply.current(message),
      onFocus: (message) => setReplyStop(message.id),
      onKeyDown: (event) => moveReplyFocus(containerRef.current, event),
    }),
    [],
  );

  // What a screen reader is told: the newest message from others once the log was shown, not
  // the history the log opens with or the older pages loaded into it (the log itself is not live).
  const [announcement, setAnnouncement] = useState("");
  const historyShown = useRef(false);
  function announceNewest() {
    const newest = items.findLast((item) => item.kind === "message");
    if (newest && !isOwn(newest.message)) {
      setAnnouncement(`${newest.message.author.name}: ${shortened(newest.message.text, ANNOUNCED_LENGTH)}`);
    }
  }

  function scrollToNewest() {
    const container = containerRef.current;
    if (container) container.scrollTop = container.scrollHeight;
    setNewBelow(false);
  }

  function loadOlder() {
    const container = containerRef.current;
    if (!container || !hasOlder || loadingOlder) return;
    distanceFromBottomBeforeLoad.current = container.scrollHeight - container.scrollTop;
    onLoadOlder();
  }

  function handleScroll() {
    const container = containerRef.current;
    if (!container) return;
    // A resize can send a scroll event before the ResizeObserver's callback (the browser runs
    // the scroll steps first), with the reader not having moved: that is the resize's to handle.
    if (!sameSize(sizeOf(container), sizeSeen.current)) followResize(container, sizeSeen);
    if (isNearBottom(container.scrollTop, sizeSeen.current)) setNewBelow(false);
    setFarFromBottom(distanceFromBottom(container.scrollTop, sizeSeen.current) > FAR_SCREENS * container.clientHeight);
    if (container.scrollTop < NEAR_EDGE_PX) loadOlder();
  }

  // The log in runs of entries, each keeping its entries from render to render (log-runs.ts).
  const runStarts = useRef<ReadonlySet<string>>(new Set());
  const { runs, starts } = splitIntoRuns(items, runStarts.current, RUN_SIZE);
  useLayoutEffect(() => {
    runStarts.current = starts;
  });

  // Made again only when a name that begins with yours comes or goes: each message is looked at once.
  const longerKey = JSON.stringify(longerNames);
  const mentionsYou = useMemo(
    () => remembered(mentionOf(youName, JSON.parse(longerKey) as string[])),
    [youName, longerKey],
  );
  const toneOf = (message: Message) => (isOwn(message) ? "own" : mentionsYou(message) ? "mentionsYou" : "other");

  const renderItem = (item: TimelineItem) => {
    switch (item.kind) {
      case "message":
        return (
          <MessageEntry
            key={item.key}
            message={item.message}
            tone={toneOf(item.message)}
            continued={item.continued}
            reply={replyControl}
            tabStop={item.message.id === replyStopId}
          />
        );
      case "pending":
        return <PendingEntry key={item.key} pending={item.pending} author={youName} actions={pendingActions} />;
      case "day":
        return <DayHeading key={item.key} label={item.label} />;
      case "unread":
        return <UnreadLine key={item.key} />;
      default:
        return <NoticeEntry key={item.key} notice={item.notice} />;
    }
  };

  const lastItem = items.at(-1);
  const newestIsOwnPending = lastItem?.kind === "pending";

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again whenever the items change, to keep the scroll position
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const newMessage = newestMessageKey !== newestMessageKeyBefore.current;
    newestMessageKeyBefore.current = newestMessageKey;
    const firstMessages = !messagesShownBefore.current && newestMessageKey !== undefined;
    if (firstMessages) messagesShownBefore.current = true;
    if (newMessage && historyShown.current) announceNewest();
    if (historyLoaded) historyShown.current = true;
    // Looked for only when there is one: a search of a long log costs a millisecond per render.
    const unreadLine = items.some((item) => item.kind === "unread")
      ? container.querySelector("[data-divider=unread]")
      : null;
    if (distanceFromBottomBeforeLoad.current !== null && !loadingOlder) {
      container.scrollTop = container.scrollHeight - distanceFromBottomBeforeLoad.current;
      distanceFromBottomBeforeLoad.current = null;
    } else if (newestIsOwnPending) {
      scrollToNewest();
    } else if (firstMessages && unreadLine) {
      // A visit with messages that came since the last one opens where they start.
      showFrom(container, unreadLine, setNewBelow);
    } else if (isNearBottom(container.scrollTop, sizeSeen.current)) {
      // While the page is not looked at, the reader is kept at the "New" line, to read on from there.
      if (unreadLine && document.visibilityState === "hidden") showFrom(container, unreadLine, setNewBelow);
      else scrollToNewest();
    } else if (newMessage) {
      setNewBelow(true);
    }
    sizeSeen.current = sizeOf(container);
  }, [items, loadingOlder, newestIsOwnPending, historyLoaded]);

  // A reader at the bottom stays there when the log's box changes: a narrower window rewraps the
  // messages, a phone's keyboard or an error line above the composer makes the log shorter.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const observer = new ResizeObserver(() => followResize(container, sizeSeen));
    observer.observe(container);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={containerRef}
        onScroll={handleScroll}
        role="log"
        aria-live="off"
        aria-label="Messages"
        className="min-h-0 flex-1 overflow-y-auto rounded-lg border border-line bg-sunken/60 p-2 sm:p-3"
      >
        {hasOlder ? (
          <div className="mb-2 flex justify-center">
            <button
              type="button"
              onClick={loadOlder}
              // Not disabled while loading: focusing it scrolls the log to the top, which loads,
              // and a disabled button would lose the focus.
              aria-disabled={loadingOlder || undefined}
              className="rounded-md px-3 py-1 text-sm font-medium text-accent hover:bg-accent-soft aria-disabled:opacity-60"
            >
              {loadingOlder ? "Loading…" : "Load older messages"}
            </button>
          </div>
        ) : null}
        {items.length === 0 ? <p className="p-4 text-center text-sm text-muted">No messages yet. Say hello!</p> : null}
        {/* biome-ignore lint/a11y/useSemanticElements: an ol may hold only li, not the runs' divs (LogEntries' LogItem) */}
        <div role="list" className="flex flex-col gap-1.5">
          {runs.map((run) => (
            // Laid out apart: a new entry costs the browser the layout of its run, not of the whole log.
            <div key={run.key} className="flex flex-col gap-1.5 [contain:layout]">
              {run.items.map(renderItem)}
            </div>
          ))}
        </div>
      </div>
      <p className="sr-only" aria-live="polite" data-announcer="">
        {announcement}
      </p>
      {newBelow || farFromBottom ? (
        <button
          type="button"
          onClick={(event) => {
            scrollToNewest();
            // A click has a count; Enter or Space has none. Only the keyboard's focus is moved (a
            // tap that focused the message box would open a phone's keyboard).
            if (event.detail === 0) onKeyboardJump();
          }}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white shadow-md hover:bg-indigo-700"
        >
          {newBelow ? "New messages" : "Jump to latest"} <span aria-hidden="true">↓</span>
        </button>
      ) : null}
    </div>
  );
}

interface LogSize {
  scrollHeight: number;
  clientHeight: number;
}

/** `test` of a message's text, worked out once per message (the log asks on every render). */
function remembered(test: (text: string) => boolean): (message: Message) => boolean {
  const answers = new WeakMap<Message, boolean>();
  return (message) => {
    let answer = answers.get(message);
    if (answer === undefined) {
      answer = test(message.text);
      answers.set(message, answer);
    }
    return answer;
  };
}

/** Up and Down on a Reply button move the focus to the Reply of the message before or after. */
function moveReplyFocus(container: HTMLElement | null, event: KeyboardEvent<HTMLButtonElement>) {
  if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
  const buttons = Array.from(container?.querySelectorAll<HTMLButtonElement>("[data-reply-to]") ?? []);
  const next = buttons[buttons.indexOf(event.currentTarget) + (event.key === "ArrowUp" ? -1 : 1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

function sizeOf(container: HTMLElement): LogSize {
  return { scrollHeight: container.scrollHeight, clientHeight: container.clientHeight };
}

/** After the log's box changed size: a reader who was at the bottom (by the size before) is kept there. */
function followResize(container: HTMLElement, sizeSeen: { current: LogSize }) {
  if (isNearBottom(container.scrollTop, sizeSeen.current)) container.scrollTop = container.scrollHeight;
  sizeSeen.current = sizeOf(container);
}

function sameSize(a: LogSize, b: LogSize): boolean {
  return a.scrollHeight === b.scrollHeight && a.clientHeight === b.clientHeight;
}

function distanceFromBottom(scrollTop: number, size: LogSize): number {
  return size.scrollHeight - scrollTop - size.clientHeight;
}

function isNearBottom(scrollTop: number, size: LogSize): boolean {
  return distanceFromBottom(scrollTop, size) < NEAR_EDGE_PX;
}

/** Scrolls `line` to the top of the log (as far as the log goes), and says whether more is below. */
function showFrom(container: HTMLElement, line: Element, setNewBelow: (below: boolean) => void) {
  const lineTop = line.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  container.scrollTop = lineTop - LINE_MARGIN_PX;
  setNewBelow(!isNearBottom(container.scrollTop, sizeOf(container)));
}
