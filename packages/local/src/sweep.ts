import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@chat/core/db";
import { CONNECTION_PREFIX } from "@chat/core/keys";
import { leave } from "@chat/core/presence";
import { leaveRoom } from "@chat/core/use-cases/leave-room";

/** Every connection record in the table: its id and when it joined (epoch ms). */
async function* connectionRecords(): AsyncGenerator<{ connectionId: string; connectedAt: number }> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: "begins_with(pk, :connection)",
        ExpressionAttributeValues: { ":connection": CONNECTION_PREFIX },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      yield {
        connectionId: (item.pk as string).slice(CONNECTION_PREFIX.length),
        connectedAt: Date.parse(item.connectedAt as string),
      };
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * No WebSocket connection outlives the local runtime, so connection records
 * left by a crash (kill -9, power loss) are removed at start, which puts the
 * rooms' member counts and grace periods right. Returns how many were removed.
 */
export async function removeLeftoverConnections(): Promise<number> {
  let removed = 0;
  for await (const { connectionId } of connectionRecords()) {
    if (await leave(connectionId)) removed++;
  }
  return removed;
}

/**
 * After DynamoDB Local was down: removes, as $disconnect would have (the
 * remaining members hear `leave`), every connection that joined before
 * `joinedBefore` and is not open now — whose $disconnect failed during the
 * outage, or whose $connect failed half-way. Connections that joined since are
 * left alone: their handshake may still be running. Returns how many it removed.
 */
export async function removeClosedConnections(
  open: ReadonlyMap<string, { open: boolean }>,
  joinedBefore: number,
): Promise<number> {
  const isOpen = (connectionId: string) => open.get(connectionId)?.open === true;
  const closed: string[] = [];
  for await (const { connectionId, connectedAt } of connectionRecords()) {
    if (!isOpen(connectionId) && !(connectedAt >= joinedBefore)) closed.push(connectionId);
  }
  let removed = 0;
  for (const connectionId of closed) {
    // Checked again: the scan may have taken a while.
    if (isOpen(connectionId)) continue;
    // The record is gone if a late $disconnect got there first; that is fine.
    await leaveRoom(connectionId);
    removed++;
  }
  return removed;
}
