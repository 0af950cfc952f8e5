import { countAgainstAddress } from "./address-limit";
import { epochSeconds, expiresAfter } from "./clock";
import { storedIdentity } from "./connections";
import { queryUpTo, tableName, transactWrite, updateIfCondition } from "./db";
import { ChatError } from "./errors";
import { connectionKey, MEMBER_PREFIX, memberKey, roomKey, roomPk } from "./keys";
import { connectionRecordSeconds, roomGraceSeconds } from "./settings";
import { cancellationReasons, type TransactItem } from "./transactions";
import type { Member } from "./types";

/** A member of a room as the server sees it: with the private connection id. */
export interface Presence {
  connectionId: string;
  member: Member;
  /** Epoch ms of the join (the $connect, before the handshake completes). */
  joinedAt: number;
}

const cancelReasons = (error: unknown): string[] => cancellationReasons(error).map((reason) => reason.Code ?? "None");

/**
 * Adds a connection to a room: member item, connection item and the room's
 * counter in one transaction, so a join is never half done. With `address`,
 * the connect is counted against that address's limit in the same
 * transaction: a refused connect (rate_limited) joins nothing.
 */
export async function join(
  { connectionId, roomId, member }: { connectionId: string; roomId: string; member: Member },
  { now = Date.now(), address }: { now?: number; address?: string } = {},
): Promise<void> {
  const { name } = member;
  const connectedAt = new Date(now).toISOString();
  const writes: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: roomKey(roomId),
        UpdateExpression: "SET members = members + :one, presenceChangedAt = :changedAt REMOVE expiresAt",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)",
        ExpressionAttributeValues: { ":one": 1, ":now": epochSeconds(now), ":changedAt": now },
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...memberKey(roomId, connectionId), memberId: member.id, name, connectedAt },
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...connectionKey(connectionId),
          roomId,
          memberId: member.id,
          name,
          connectedAt,
          expiresAt: expiresAfter(now, connectionRecordSeconds),
        },
      },
    },
  ];
  // With the address cell, it is the transaction's first item and the room's update the second.
  const roomAt = address === undefined ? 0 : 1;
  try {
    if (address === undefined) {
      await transactWrite(writes);
    } else {
      await countAgainstAddress("connect", address, { now, alongside: writes });
    }
  } catch (error) {
    if (cancelReasons(error)[roomAt] === "ConditionalCheckFailed") {
      throw new ChatError("not_found", "room not found");
    }
    throw error;
  }
}

/**
 * Removes a connection from its room. Returns undefined when it was already
 * removed (by $disconnect or by stale-connection cleanup, whichever came first).
 * `seenIn` is where a caller found it as a member: without its connection record
 * (DynamoDB's TTL deletes that hours after a connection can last, and a
 * $disconnect may never have come), it is removed from there.
 */
export async function leave(
  connectionId: string,
  now = Date.now(),
  seenIn?: { roomId: string; member: Member },
): Promise<{ roomId: string; member: Member } | undefined> {
  const stored = await storedIdentity(connectionId, { consistent: true });
  if (stored) {
    const removeConnection: TransactItem = {
      Delete: { TableName: tableName(), Key: connectionKey(connectionId), ConditionExpression: "attribute_exists(pk)" },
    };
    const removeMember: TransactItem = {
      Delete: { TableName: tableName(), Key: memberKey(stored.roomId, connectionId) },
    };
    return removeFromRoom([removeConnection, removeMember], stored, now);
  }
  if (!seenIn) return undefined;
  // No record: the member item, and the room's count if the item is still there.
  const removeMember: TransactItem = {
    Delete: {
      TableName: tableName(),
      Key: memberKey(seenIn.roomId, connectionId),
      ConditionExpression: "attribute_exists(pk)",
    },
  };
  return removeFromRoom([removeMember], seenIn, now);
}

/**
 * Deletes `removals` and counts one member fewer in the room, in one transaction; undefined when
 * the first removal finds its item gone (someone removed it first). A room itself gone still has
 * the removals done.
 */
async function removeFromRoom(
  removals: TransactItem[],
  { roomId, member }: { roomId: string; member: Member },
  now: number,
): Promise<{ roomId: string; member: Member } | undefined> {
  const decrementRoom: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: roomKey(roomId),
      UpdateExpression: "SET members = members - :one, presenceChangedAt = :changedAt",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":one": 1, ":changedAt": now },
    },
  };
  try {
    await transactWrite([...removals, decrementRoom]);
  } catch (error) {
    const reasons = cancelReasons(error);
    if (reasons[0] === "ConditionalCheckFailed") return undefined;
    if (reasons[removals.length] !== "ConditionalCheckFailed") throw error;
    await transactWrite(removals);
  }
  await startGracePeriodIfEmpty(roomId, now);
  return { roomId, member };
}

/** The last one out starts the room's grace period; a join in between wins. */
async function startGracePeriodIfEmpty(roomId: string, now: number) {
  await updateIfCondition({
    Key: roomKey(roomId),
    UpdateExpression: "SET expiresAt = :expiresAt",
    ConditionExpression: "attribute_exists(pk) AND members <= :zero",
    ExpressionAttributeValues: {
      ":expiresAt": expiresAfter(now, roomGraceSeconds()),
      ":zero": 0,
    },
  });
}

const membersQuery = (roomId: string) => ({
  KeyConditionExpression: "pk = :pk AND begins_with(sk, :member)",
  ExpressionAttributeValues: { ":pk": roomPk(roomId), ":member": MEMBER_PREFIX },
  ConsistentRead: true,
});

const toPresence = (item: Record<string, unknown>): Presence => ({
  connectionId: (item.sk as string).slice(MEMBER_PREFIX.length),
  member: { id: item.memberId as string, name: item.name as string },
  joinedAt: Date.parse(item.connectedAt as string),
});

/** Everyone in the room now: a strongly consistent read of the room's partition. */
export async function membersOf(roomId: string): Promise<Presence[]> {
  // Every member must hear a fan-out: no page budget here (1 MB, thousands of members, a page).
  const { items } = await queryUpTo(
    membersQuery(roomId),
    Number.POSITIVE_INFINITY,
    undefined,
    Number.POSITIVE_INFINITY,
  );
  return items.map(toPresence);
}

/** The room's members if it has at most `most` of them (one request); undefined for a bigger room. */
export async function membersIfAtMost(roomId: string, most: number): Promise<Presence[] | undefined> {
  const { items, resumeAfter } = await queryUpTo({ ...membersQuery(roomId), Limit: most + 1 }, most + 1, undefined, 1);
  return items.length > most || resumeAfter ? undefined : items.map(toPresence);
}
