import type { Member, Room, ServerFrame } from "./types";

/** PostToConnection refuses a frame larger than this (413 PayloadTooLargeException). */
export const MAX_POSTED_FRAME_BYTES = 128 * 1024;

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * The welcome frame: the sender, the room, and everyone present. A room so big that the list
 * would not fit in one frame (a thousand or more members, by the length of their names) gets
 * the sender and as many others as fit; `room.members` still counts everyone.
 */
export function welcomeFrame(you: Member, room: Room, members: Member[], countedAt: number): ServerFrame {
  const whole: ServerFrame = { type: "welcome", you, room, members, countedAt };
  if (bytesOf(whole) <= MAX_POSTED_FRAME_BYTES) return whole;
  const listed: Member[] = [];
  let size = bytesOf({ ...whole, members: listed });
  for (const member of [you, ...members.filter((other) => other.id !== you.id)]) {
    // The member, and the comma before it.
    const cost = bytesOf(member) + 1;
    if (size + cost > MAX_POSTED_FRAME_BYTES) break;
    listed.push(member);
    size += cost;
  }
  return { ...whole, members: listed };
}
