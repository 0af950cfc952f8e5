import type { Message } from "@chat/wire";
import { type HTMLAttributes, type KeyboardEvent, memo, useId } from "react";
import { formatFull, formatTime } from "@/lib/format-time";
import type { Notice, PendingMessage } from "@/lib/room-state";
import { MessageText } from "./MessageText";

/**
 * An entry of the log's list. A `div` with the list item's role, not an `li`: the log groups its
 * entries in runs (MessageLog), and only `li` may be a child of `ol`, while ARIA's list looks
 * through the runs' plain `div`s to its items.
 */
function LogItem(props: HTMLAttributes<HTMLDivElement>) {
  // biome-ignore lint/a11y/useSemanticElements: see above; an li here would be outside any list
  return <div role="listitem" {...props} />;
}

const bubble = "flex flex-col gap-0.5 rounded-lg px-3 py-2";

function MessageHeader({
  author,
  time,
  dateTime,
  suffix,
  hidden = false,
  roomAtEnd = false,
}: {
  author: string;
  time: string;
  dateTime: string;
  suffix?: string;
  /** Left to screen readers (a message that continues its author's group). */
  hidden?: boolean;
  /** Keeps the end of the line free (for the Reply button shown over it). */
  roomAtEnd?: boolean;
}) {
  return (
    <p className={hidden ? "sr-only" : `flex items-baseline gap-2 text-sm ${roomAtEnd ? "pr-14" : ""}`}>
      <span className="min-w-0 truncate font-semibold text-ink">{author}</span>
      <time dateTime={dateTime} title={formatFull(dateTime)} className="shrink-0 text-xs text-muted tabular-nums">
        {time}
      </time>
      {suffix ? <span className="shrink-0 text-xs text-muted italic">{suffix}</span> : null}
    </p>
  );
}

const messageTone = { own: "bg-accent-soft", mentionsYou: "bg-mention ring-1 ring-mention-line", other: "bg-raised" };

/**
 * A stored message: yours, one that mentions you ("@your name"), or another's. One that
 * `continued` its author's group shows without its header (a mention of you keeps it); pointing
 * at it shows when it was sent. Memoized: a room open for hours holds thousands, and a new
 * message, a typing notice or a scroll should not render every one of them again.
 */
export const MessageEntry = memo(function MessageEntry({
  message,
  tone,
  continued = false,
  reply,
  tabStop = false,
}: {
  message: Message;
  tone: keyof typeof messageTone;
  continued?: boolean;
  reply?: ReplyControl;
  /** Its Reply is the log's one stop for the Tab key. */
  tabStop?: boolean;
}) {
  const grouped = continued && tone !== "mentionsYou";
  return (
    <LogItem
      className={`group relative ${bubble} ${messageTone[tone]}`}
      data-message-id={message.id}
      data-mentions-you={tone === "mentionsYou" || undefined}
      data-own={tone === "own" || undefined}
      data-continued={grouped || undefined}
      title={grouped ? formatFull(message.sentAt) : undefined}
    >
      <MessageHeader
        author={message.author.name}
        time={formatTime(message.sentAt)}
        dateTime={message.sentAt}
        suffix={tone === "mentionsYou" ? "mentions you" : undefined}
        hidden={grouped}
        roomAtEnd={reply !== undefined}
      />
      <MessageText text={message.text} />
      {/* After the text, so that it is read after it (the log is a live region), but shown above it. */}
      {reply ? <ReplyButton message={message} control={reply} onEdge={grouped} tabStop={tabStop} /> : null}
    </LogItem>
  );
});

/**
 * What a message's Reply button does, the same for every message (so that entries can be
 * memoized). The log is one stop for the Tab key: only one Reply is in the tab order (the
 * entry's `tabStop`), and Up and Down move to the Reply of the message before or after.
 */
export interface ReplyControl {
  reply: (message: Message) => void;
  onFocus: (message: Message) => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

/**
 * Shown while the message is pointed at or the button has the keyboard's focus (always on touch
 * screens): at the end of the header's line, or, where the header is hidden (`onEdge`), on the
 * bubble's top edge, where the padding and the gap between bubbles hold it clear of the text.
 */
function ReplyButton({
  message,
  control,
  onEdge,
  tabStop,
}: {
  message: Message;
  control: ReplyControl;
  onEdge: boolean;
  tabStop: boolean;
}) {
  return (
    <button
      type="button"
      onClick={() => control.reply(message)}
      onFocus={() => control.onFocus(message)}
      onKeyDown={control.onKeyDown}
      tabIndex={tabStop ? 0 : -1}
      aria-label={`Reply to ${message.author.name}`}
      aria-keyshortcuts="ArrowUp ArrowDown"
      data-reply-to={message.id}
      className={`absolute right-2 ${onEdge ? "-top-3 border border-line bg-surface shadow-sm" : "top-1.5"} rounded px-1.5 py-0.5 text-xs font-medium text-accent opacity-0 group-hover:opacity-100 hover:bg-accent-softer focus-visible:opacity-100 pointer-coarse:opacity-100`}
    >
      Reply
    </button>
  );
}

/** What can be done with a message that was given up: send it again, or drop it. */
export interface PendingActions {
  retry: (pending: PendingMessage) => void;
  discard: (pending: PendingMessage) => void;
}

/** A not-sent message's action, described by the message's text (several such messages may be shown). */
function PendingActionButton({
  label,
  onClick,
  describedBy,
}: {
  label: string;
  onClick: () => void;
  describedBy: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-describedby={describedBy}
      className="rounded px-1.5 py-0.5 text-xs font-medium text-accent underline hover:bg-accent-softer"
    >
      {label}
    </button>
  );
}

/** An own message not yet confirmed: "sending…", or, once given up, "not sent" with why and what to do. */
export function PendingEntry({
  pending,
  author,
  actions,
}: {
  pending: PendingMessage;
  author: string;
  actions: PendingActions;
}) {
  const failed = pending.failed !== undefined;
  const textId = useId();
  return (
    <LogItem
      className={`${bubble} border bg-accent-soft ${failed ? "border-danger-line" : "border-dashed border-line-strong"}`}
      aria-busy={!failed}
      data-pending={failed ? "failed" : "sending"}
    >
      <MessageHeader
        author={author}
        time={formatTime(pending.createdAt)}
        dateTime={pending.createdAt}
        suffix={failed ? "not sent" : "sending…"}
      />
      <MessageText id={textId} text={pending.text} />
      {failed ? (
        <div className="flex flex-wrap items-center gap-2 text-xs text-danger">
          <span className="[overflow-wrap:anywhere]">{pending.failed}</span>
          <PendingActionButton label="Retry" onClick={() => actions.retry(pending)} describedBy={textId} />
          <PendingActionButton label="Discard" onClick={() => actions.discard(pending)} describedBy={textId} />
        </div>
      ) : null}
    </LogItem>
  );
}

export function NoticeEntry({ notice }: { notice: Notice }) {
  return (
    <LogItem className="px-3 text-center text-xs text-muted [overflow-wrap:anywhere]">
      {notice.name} {notice.kind === "join" ? "joined" : "left"}
    </LogItem>
  );
}

const dividerTones = {
  day: { label: "text-ink-soft", line: "bg-line" },
  unread: { label: "text-danger", line: "bg-danger-line" },
};

function Divider({ label, tone }: { label: string; tone: keyof typeof dividerTones }) {
  const colors = dividerTones[tone];
  return (
    <LogItem className={`flex items-center gap-3 py-1 text-xs font-medium ${colors.label}`} data-divider={tone}>
      <span aria-hidden="true" className={`h-px flex-1 ${colors.line}`} />
      {label}
      <span aria-hidden="true" className={`h-px flex-1 ${colors.line}`} />
    </LogItem>
  );
}

/** Where a new day starts in the log: "Today", "Yesterday" or the date. */
export function DayHeading({ label }: { label: string }) {
  return <Divider label={label} tone="day" />;
}

/** Above the first message that came while the page was not being looked at. */
export function UnreadLine() {
  return <Divider label="New" tone="unread" />;
}
