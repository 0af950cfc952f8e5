import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { expiresAfter, isLive, isoTime } from "./clock";
import { db, queryUpTo, tableName } from "./db";
import { newMessageId } from "./ids";
import { MESSAGE_PREFIX, MESSAGE_UPPER_BOUND, messageSk, roomPk } from "./keys";
import { getRoom } from "./rooms";
import { messageRetentionSeconds } from "./settings";
import type { Member, Message, Page } from "./types";

type Item = Record<string, unknown>;

const toMessage = (item: Item): Message => ({
  id: item.id as string,
  roomId: item.roomId as string,
  text: item.text as string,
  author: item.author as Member,
  sentAt: item.sentAt as string,
  ...(item.clientMessageId !== undefined && { clientMessageId: item.clientMessageId as string }),
});

/** A new message and the item that stores it (written by the caller, e.g. in a transaction). */
export function newMessage(
  input: { roomId: string; text: string; author: Member; clientMessageId?: string },
  now = Date.now(),
): { message: Message; item: Item } {
  const message: Message = {
    id: newMessageId(now),
    roomId: input.roomId,
    text: input.text,
    author: input.author,
    sentAt: isoTime(now),
    ...(input.clientMessageId !== undefined && { clientMessageId: input.clientMessageId }),
  };
  const item = {
    pk: roomPk(input.roomId),
    sk: messageSk(message.id),
    ...message,
    expiresAt: expiresAfter(now, messageRetentionSeconds()),
  };
  return { message, item };
}

export async function storeMessage(
  input: { roomId: string; text: string; author: Member; clientMessageId?: string },
  now = Date.now(),
): Promise<Message> {
  const { message, item } = newMessage(input, now);
  await db.send(new PutCommand({ TableName: tableName(), Item: item }));
  return message;
}

export interface HistoryQuery {
  limit: number;
  before?: string;
  after?: string;
}

/**
 * A page of a room's history, oldest first. Without `after` it is the newest
 * `limit` messages before the anchor; with `after`, the oldest after it.
 */
export async function listMessages(
  roomId: string,
  { limit, before, after }: HistoryQuery,
  now = Date.now(),
): Promise<Page<Message>> {
  await getRoom(roomId, now);
  const forward = after !== undefined;
  const anchor = after ?? before;
  // BETWEEN is inclusive, so the anchor itself is dropped below.
  const lower = forward ? messageSk(anchor!) : MESSAGE_PREFIX;
  const upper = !forward && anchor ? messageSk(anchor) : MESSAGE_UPPER_BOUND;
  const { items, resumeAfter } = await queryUpTo(
    {
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :lower AND :upper",
      ExpressionAttributeValues: { ":pk": roomPk(roomId), ":lower": lower, ":upper": upper },
      ScanIndexForward: forward,
      Limit: limit + 2,
    },
    limit + 1,
    (item) => item.id !== anchor && isLive(item, now),
  );
  const page = items.slice(0, limit).map(toMessage);
  const more = items.length > limit;
  // Past the read budget (expired messages, say), the page is short and the
  // cursor resumes after the last message read.
  const resumeId = resumeAfter && (resumeAfter.sk as string).slice(MESSAGE_PREFIX.length);
  if (forward) return { items: page, cursor: more ? page.at(-1)!.id : (resumeId ?? null) };
  page.reverse();
  return { items: page, cursor: more ? page[0]!.id : (resumeId ?? null) };
}
