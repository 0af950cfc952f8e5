const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });

const parse = (iso: string): Date | undefined => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const localDay = (date: Date) => `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;

/** Hours:minutes in the viewer's time zone, e.g. "09:05". */
export function formatTime(iso: string): string {
  const date = parse(iso);
  return date ? timeFormat.format(date) : "";
}

/** The viewer's calendar day of `iso` (its time zone), to tell days apart; "" for a date it cannot read. */
export function dayOf(iso: string): string {
  const date = parse(iso);
  return date ? localDay(date) : "";
}

/** A day's heading in the log: "Today", "Yesterday", or the date ("Monday, 1 December"; the year too when not this one's). */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = parse(iso);
  if (!date) return "";
  if (localDay(date) === localDay(now)) return "Today";
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (localDay(date) === localDay(yesterday)) return "Yesterday";
  return (date.getFullYear() === now.getFullYear() ? dayFormat : dayWithYearFormat).format(date);
}

/** The whole date and time, with the time zone: a message time's tooltip. */
export function formatFull(iso: string): string {
  const date = parse(iso);
  return date ? fullFormat.format(date) : "";
}
