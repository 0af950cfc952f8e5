import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
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
// they must look exactly like what encodeCursor writes.
const RoomCursor = v.object({ createdAt: v.pipe(v.string(), v.maxLength(30), v.isoTimestamp()), id: RoomId });

const encodeCursor = (room: Room) =>
  Buffer.from(JSON.stringify({ createdAt: room.createdAt, id: room.id })).toString("base64url");

function decodeCursor(cursor: string) {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return v.parse(RoomCursor, parsed);
  } catch {
    throw new ChatError("invalid_request", "cursor is not one this API returned");
  }
}

/** Rooms newest first, paged through the room-list index. */
export async function listRooms(
  { limit, cursor }: { limit: number; cursor?: string },
  now = Date.now(),
): Promise<Page<Room>> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const items = await queryUpTo(
    {
      IndexName: "gsi1",
      KeyConditionExpression: after
        ? "gsi1pk = :list AND gsi1sk < :after"
        : "gsi1pk = :list",
      ExpressionAttributeValues: {
        ":list": ROOM_LIST_PARTITION,
        ...(after && { ":after": `${after.createdAt}#${after.id}` }),
      },
      ScanIndexForward: false,
      Limit: limit + 1,
    },
    limit + 1,
    (item) => isLive(item, now),
  );
  const rooms = items.slice(0, limit).map(toRoom);
  const last = rooms.at(-1);
  return { items: rooms, cursor: items.length > limit && last ? encodeCursor(last) : null };
}
