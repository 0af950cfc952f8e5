import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "./db";
import { ChatError } from "./errors";
import type { Identity } from "./identity";
import { connectionKey } from "./keys";
import { countInCell } from "./rate-cell";
import { emissionIntervalMs, FRAME_RULE } from "./rate-limit";

// Each connection's tat as this container last left it. Only a hint for which update to try first (so a burst costs one request per
// frame, not two); the conditions keep the limit right when it is stale or missing.
const busyUntil = new Map<string, number>();
const MAX_HINTS = 10_000;

function rememberBusy(connectionId: string, until: number) {
  busyUntil.delete(connectionId);
  busyUntil.set(connectionId, until);
  if (busyUntil.size > MAX_HINTS) busyUntil.delete(busyUntil.keys().next().value!);
}

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
  const hint = busyUntil.get(connectionId);
  const outcome = await countInCell({
    key: connectionKey(connectionId),
    rule: FRAME_RULE,
    now,
    first: hint !== undefined && hint > now ? "busy" : "idle",
    existing: true,
    alongside,
  });
  if (outcome.kind === "missing") {
    busyUntil.delete(connectionId);
    return false;
  }
  if (outcome.kind === "limited") throw new ChatError("rate_limited", "too many frames; slow down");
  // Where tat went: from now after a quiet spell, one interval on within a burst
  // (from what this container last saw; another's frames make it a guess).
  const interval = emissionIntervalMs(FRAME_RULE);
  rememberBusy(connectionId, outcome.state === "idle" ? now + interval : Math.max(hint ?? now, now) + interval);
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
