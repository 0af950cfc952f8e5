import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "./db";
import { ChatError } from "./errors";
import type { Identity } from "./identity";
import { connectionKey } from "./keys";
import { countInCell } from "./rate-cell";
import { FRAME_RULE } from "./rate-limit";

/**
 * Counts a frame against its connection's rate limit, on the connection's
 * record, in one request; with `alongside`, that item is written in the same
 * transaction, so a frame past the limit stores nothing. Returns false for a
 * connection the table does not know (already cleaned up); throws
 * rate_limited past the limit.
 */
export async function countFrame(
  connectionId: string,
  alongside?: { item: Record<string, unknown> },
  now = Date.now(),
): Promise<boolean> {
  const outcome = await countInCell({
    key: connectionKey(connectionId),
    rule: FRAME_RULE,
    now,
    existing: true,
    alongside: alongside && [{ Put: { TableName: tableName(), Item: alongside.item } }],
  });
  if (outcome.kind === "missing") return false;
  if (outcome.kind === "limited") throw new ChatError("rate_limited", "too many frames; slow down");
  return true;
}

/**
 * The identity stored with the connection record: for a frame of a connection
 * made before its $connect had the authorizer (a deploy does not end open
 * connections), and for the connection's removal (`consistent`).
 */
export async function storedIdentity(connectionId: string, { consistent = false } = {}): Promise<Identity | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: connectionKey(connectionId), ConsistentRead: consistent }),
  );
  if (!Item) return undefined;
  return { roomId: Item.roomId as string, member: { id: Item.memberId as string, name: Item.name as string } };
}
