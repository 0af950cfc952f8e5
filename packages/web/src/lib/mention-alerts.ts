import * as v from "valibot";
import { knownNames, mentionOf, namesExtending } from "./mentions";
import { isYours, type RoomState } from "./room-state";
import type { Message } from "./schemas";
import { shortened } from "./shortened";
import { readStored, writeStored } from "./tab-storage";

const STORAGE_KEY = "chat.mentionAlerts";
/** How much of the message a notification shows (in code points), so a long one stays readable. */
export const ALERT_BODY_LENGTH = 140;

/** Whether this browser asked for a notification when mentioned in a room in a background tab. */
export function loadMentionAlerts(storage: Storage | undefined): boolean {
  return readStored(storage, STORAGE_KEY, v.boolean(), false);
}

export function saveMentionAlerts(storage: Storage | undefined, on: boolean): void {
  writeStored(storage, STORAGE_KEY, on || undefined);
}

/**
 * The messages to tell of now, each once: those from others that mention you and came in while
 * the page was hidden and alerts were on (from the "New" line on). `told` keeps which messages are
 * done with: each call adds the ones it returns, and every message there while the page is looked
 * at or alerts are off, so none is told of later (when the page is hidden again, say).
 */
export function mentionsToAlert(
  state: Pick<RoomState, "members" | "messages" | "hidden" | "unreadFrom" | "you" | "yourIds">,
  on: boolean,
  told: Set<string>,
): Message[] {
  const { messages, hidden, unreadFrom, you } = state;
  if (!on || !hidden || unreadFrom === null || you === null) {
    for (const message of messages) told.add(message.id);
    return [];
  }
  const mentionsYou = mentionOf(you.name, namesExtending(you.name, knownNames(state)));
  const fresh = messages.filter(
    (message) =>
      message.id >= unreadFrom && !isYours(state, message) && !told.has(message.id) && mentionsYou(message.text),
  );
  for (const message of fresh) told.add(message.id);
  return fresh;
}

/** The notification for a message that mentions you: who, where, and the start of what they wrote. */
export function alertFor(message: Message, roomName: string): { title: string; body: string; tag: string } {
  const body = shortened(message.text, ALERT_BODY_LENGTH);
  // The tag is the message's id: two tabs of the room show one notification, not two.
  return { title: `${message.author.name} mentioned you in ${roomName}`, body, tag: message.id };
}
