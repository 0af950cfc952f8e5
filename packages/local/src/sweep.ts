import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@chat/core/db";
import { CONNECTION_PREFIX } from "@chat/core/keys";
import { leave } from "@chat/core/presence";

/**
 * No WebSocket connection outlives the local runtime, so connection records
 * left by a crash (kill -9, power loss) are removed at start, which puts the
 * rooms' member counts and grace periods right. Returns how many were removed.
 */
export async function removeLeftoverConnections(): Promise<number> {
  let removed = 0;
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
      if (await leave((item.pk as string).slice(CONNECTION_PREFIX.length))) removed++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return removed;
}
