import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName } from "./db";
import { ChatError } from "./errors";
import { connectionKey } from "./keys";
import { decide, emissionIntervalMs, toleranceMs } from "./rate-limit";
import type { Member } from "./types";

export interface Connection {
  connectionId: string;
  roomId: string;
  member: Member;
}

type Item = Record<string, unknown>;

const toConnection = (connectionId: string, item: Item): Connection => ({
  connectionId,
  roomId: item.roomId as string,
  member: { id: item.memberId as string, name: item.name as string },
});

const updates = {
  idle: {
    UpdateExpression: "SET tat = :next",
    ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(tat) OR tat <= :now)",
    values: (now: number) => ({ ":now": now, ":next": now + emissionIntervalMs }),
  },
  busy: {
    UpdateExpression: "SET tat = tat + :interval",
    ConditionExpression: "tat > :now AND tat <= :latest",
    values: (now: number) => ({
      ":now": now,
      ":latest": now + toleranceMs,
      ":interval": emissionIntervalMs,
    }),
  },
};

/**
 * Reads the sender's connection record and counts the frame against its rate
 * limit in the same request. Returns undefined for a connection the table does
 * not know (already cleaned up); throws rate_limited past the limit.
 */
export async function useConnection(
  connectionId: string,
  now = Date.now(),
): Promise<Connection | undefined> {
  let kind: "idle" | "busy" = "idle";
  // A concurrent frame of the same connection can move tat between our tries.
  for (let attempt = 0; attempt < 4; attempt++) {
    const update = updates[kind];
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: connectionKey(connectionId),
          UpdateExpression: update.UpdateExpression,
          ConditionExpression: update.ConditionExpression,
          ExpressionAttributeValues: update.values(now),
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return toConnection(connectionId, Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      if (!old) return undefined;
      const decision = decide(unmarshall(old).tat as number | undefined, now);
      if (decision.kind === "limited") break;
      kind = decision.kind;
    }
  }
  throw new ChatError("rate_limited", "too many frames; slow down");
}
