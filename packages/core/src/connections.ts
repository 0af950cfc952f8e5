import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName } from "./db";
import { ChatError } from "./errors";
import { connectionKey } from "./keys";
import { decide, emissionIntervalMs, FRAME_RULE, toleranceMs } from "./rate-limit";
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
    values: (now: number) => ({ ":now": now, ":next": now + emissionIntervalMs(FRAME_RULE) }),
  },
  busy: {
    UpdateExpression: "SET tat = tat + :interval",
    ConditionExpression: "tat > :now AND tat <= :latest",
    values: (now: number) => ({
      ":now": now,
      ":latest": now + toleranceMs(FRAME_RULE),
      ":interval": emissionIntervalMs(FRAME_RULE),
    }),
  },
};

// The last tat this container wrote per connection. Only a hint for which
// update to try first (so a burst costs one request per frame, not two); the
// conditions keep the limit right when it is stale or missing.
const tatHints = new Map<string, number>();
const MAX_HINTS = 10_000;

function rememberTat(connectionId: string, tat: unknown) {
  tatHints.delete(connectionId);
  if (typeof tat !== "number") return;
  tatHints.set(connectionId, tat);
  if (tatHints.size > MAX_HINTS) tatHints.delete(tatHints.keys().next().value!);
}

/**
 * Reads the sender's connection record and counts the frame against its rate
 * limit in the same request. Returns undefined for a connection the table does
 * not know (already cleaned up); throws rate_limited past the limit.
 */
export async function useConnection(connectionId: string, now = Date.now()): Promise<Connection | undefined> {
  const hint = tatHints.get(connectionId);
  let kind: "idle" | "busy" = hint !== undefined && hint > now ? "busy" : "idle";
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
      rememberTat(connectionId, Attributes?.tat);
      return toConnection(connectionId, Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      if (!old) {
        tatHints.delete(connectionId);
        return undefined;
      }
      const decision = decide(unmarshall(old).tat as number | undefined, now);
      if (decision.kind === "limited") break;
      kind = decision.kind;
    }
  }
  throw new ChatError("rate_limited", "too many frames; slow down");
}
