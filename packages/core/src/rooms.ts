import { BatchWriteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { expiresAfter, isLive, isoTime } from "./clock";
import { db, queryUpTo, tableName } from "./db";
import { ChatError } from "./errors";
import { newRoomId } from "./ids";
import { ROOM_LIST_PARTITION, roomKey } from "./keys";
import { RoomId } from "./schemas";
import { roomGraceSeconds } from "./settings";
import type { Page, Room } from "./types";

type Item = Record<string, unknown>;

const toRoom = (item: Item): Room => ({
  id: item.id as string,
  name: item.name as string,
  createdAt: item.createdAt as string,
  members: Math.max(0, Number(item.members ?? 0)),
});

export async function createRoom(name: string, now = Date.now()): Promise<Room> {
  const id = newRoomId();
  const createdAt = isoTime(now);
  const item = {
    ...roomKey(id),
    gsi1pk: ROOM_LIST_PARTITION,
    gsi1sk: `${createdAt}#${id}`,
    id,
    name,
    createdAt,
    members: 0,
    // An empty room is kept for the grace period, like one whose last member left.
    expiresAt: expiresAfter(now, roomGraceSeconds()),
  };
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: item,
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return toRoom(item);
}

export async function findRoom(roomId: string, now = Date.now()): Promise<Room | undefined> {
  if (!v.is(RoomId, roomId)) return undefined;
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: roomKey(roomId), ConsistentRead: true }),
  );
  return Item && isLive(Item, now) ? toRoom(Item) : undefined;
}

export async function getRoom(roomId: string, now = Date.now()): Promise<Room> {
  const room = await findRoom(roomId, now);
  if (!room) throw new ChatError("not_found", "room not found");
  return room;
}

// A cursor is decoded from client input: its fields end up in a DynamoDB key, so
// they must look exactly like what encodeCursor writes (a creation time as isoTime writes it).
const RoomCursor = v.strictObject({
  createdAt: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), v.isoTimestamp()),
  id: RoomId,
});

const encodeCursor = (position: { createdAt: string; id: string }) =>
  Buffer.from(JSON.stringify({ createdAt: position.createdAt, id: position.id })).toString("base64url");

/** The list position of a room-list index key (`<createdAt>#<id>`). */
const positionOf = (gsi1sk: string) => {
  const split = gsi1sk.indexOf("#");
  return { createdAt: gsi1sk.slice(0, split), id: gsi1sk.slice(split + 1) };
};

function decodeCursor(cursor: string) {
  const refused = new ChatError("invalid_request", "cursor is not one this API returned");
  let position: v.InferOutput<typeof RoomCursor>;
  try {
    position = v.parse(RoomCursor, JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw refused;
  }
  // Written exactly as this API writes it: no stray characters, nothing added or reordered.
  if (encodeCursor(position) !== cursor) throw refused;
  return position;
}

// DynamoDB's most delete requests in one BatchWriteItem.
const BATCH_SIZE = 25;
// Expired rooms one listing deletes at most (two batches side by side), so a
// listing that meets thousands stays quick; the listings after it delete more.
const MAX_FORGOTTEN_PER_LISTING = 2 * BATCH_SIZE;

/**
 * Deletes expired rooms a listing met (at most MAX_FORGOTTEN_PER_LISTING), so
 * they stop costing every later listing a read; DynamoDB's TTL would delete
 * them only late. Unconditional deletes are safe here: an expired room can
 * never be joined again, and its history answers 404 with it. What a batch
 * leaves unprocessed, a later listing deletes.
 */
async function forget(expired: Record<string, unknown>[]) {
  const forgotten = expired.slice(0, MAX_FORGOTTEN_PER_LISTING);
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < forgotten.length; start += BATCH_SIZE) {
    batches.push(forgotten.slice(start, start + BATCH_SIZE));
  }
  await Promise.all(
    batches.map((batch) =>
      db.send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName()]: batch.map((item) => ({ DeleteRequest: { Key: roomKey(item.id as string) } })),
          },
        }),
      ),
    ),
  );
}

/**
 * Rooms newest first, paged through the room-list index. Reads a bounded number
 * of items whatever has expired: past that budget the page is short and its
 * cursor resumes where the reading stopped.
 */
export async function listRooms(
  { limit, cursor }: { limit: number; cursor?: string },
  now = Date.now(),
): Promise<Page<Room>> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const { items, skipped, resumeAfter } = await queryUpTo(
    {
      IndexName: "gsi1",
      KeyConditionExpression: after ? "gsi1pk = :list AND gsi1sk < :after" : "gsi1pk = :list",
      ExpressionAttributeValues: {
        ":list": ROOM_LIST_PARTITION,
        ...(after && { ":after": `${after.createdAt}#${after.id}` }),
      },
      ScanIndexForward: false,
      // Room entries are small: a page of at least 50 lets a short limit see past a few expired rooms.
      Limit: Math.max(limit + 1, 50),
    },
    limit + 1,
    (item) => isLive(item, now),
  );
  await forget(skipped);
  const rooms = items.slice(0, limit).map(toRoom);
  const last = rooms.at(-1);
  if (items.length > limit && last) return { items: rooms, cursor: encodeCursor(last) };
  if (resumeAfter) return { items: rooms, cursor: encodeCursor(positionOf(resumeAfter.gsi1sk as string)) };
  return { items: rooms, cursor: null };
}
