import * as v from "valibot";
import { MAX_FRAME_ANSWER_SECONDS, MAX_ROOM_ID_LENGTH } from "./limits";

/** Ids this server hands out; anything else cannot name a room. */
export const RoomId = v.pipe(v.string(), v.regex(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_ROOM_ID_LENGTH}}$`)));

/** A message id: a 26-character ULID (Crockford base32), so ids sort in acceptance order. */
export const MessageId = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a message id"));

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// A ULID starts with the time it was made: milliseconds since the epoch, in 10 base32 digits.
const TIME_DIGITS = 10;

/** When the message with this id was accepted (ms since the epoch): the time its id begins with. */
export function messageIdTime(id: string): number {
  let time = 0;
  for (const digit of id.slice(0, TIME_DIGITS)) time = time * 32 + CROCKFORD.indexOf(digit);
  return time;
}

/** The lowest id a message accepted at `time` can have: `after=` it, history starts at that time. */
export function lowestMessageIdAt(time: number): string {
  let rest = Math.max(0, Math.floor(time));
  let digits = "";
  for (let index = 0; index < TIME_DIGITS; index++) {
    digits = CROCKFORD[rest % 32] + digits;
    rest = Math.floor(rest / 32);
  }
  return digits.padEnd(26, "0");
}

/**
 * How long after a message was accepted (and given its id) it may first show in history: the
 * handler that stores it runs at most MAX_FRAME_ANSWER_SECONDS. Ids sort in the order messages
 * were accepted, not stored, so one with a lower id than the newest seen can still come within
 * this window; a backfill reaches back this far (`lateMessagesFrom`).
 */
export const LATE_MESSAGE_WINDOW_MS = (MAX_FRAME_ANSWER_SECONDS + 1) * 1000;

/** Where a backfill after the message `newestSeen` starts: back by `windowMs` (LATE_MESSAGE_WINDOW_MS). */
export const lateMessagesFrom = (newestSeen: string, windowMs = LATE_MESSAGE_WINDOW_MS) =>
  lowestMessageIdAt(messageIdTime(newestSeen) - windowMs);
