import { randomBytes, randomInt } from "node:crypto";
import { monotonicFactory } from "ulid";

// Monotonic: ids made in the same millisecond still rise, so ids sort in the
// order this process accepted the messages.
const nextUlid = monotonicFactory();

export const newMessageId = (now: number) => nextUlid(now);
export const newRoomId = () => randomBytes(12).toString("base64url");
export const newMemberId = () => randomBytes(9).toString("base64url");

const guestAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
export const guestName = () =>
  `guest-${Array.from({ length: 4 }, () => guestAlphabet[randomInt(guestAlphabet.length)]).join("")}`;
