import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName } from "./db";
import { roomKey } from "./keys";

// A batched room hears presence at most once per gap (settings: presenceGapMs),
// whatever the batches' timing: the room item holds when the next notice may go
// (`presenceNextAt`, epoch ms). Notices that come too soon wait on the queue
// (DelaySeconds) and are told together with the others then.

// Held while a notice is being told, until its real gap is set: a subscriber
// that dies meanwhile delays the room's next notice by this much at most.
const CLAIM_MS = 10_000;
// SQS's longest delay.
const MAX_DELAY_SECONDS = 900;

export type PresenceTurn = { turn: true } | { turn: false; waitSeconds: number };

/** Claims the room's next presence notice, or says in how many seconds it may go. */
export async function claimPresenceTurn(roomId: string, now = Date.now()): Promise<PresenceTurn> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: roomKey(roomId),
        UpdateExpression: "SET presenceNextAt = :claimedUntil",
        ConditionExpression:
          "attribute_exists(pk) AND (attribute_not_exists(presenceNextAt) OR presenceNextAt <= :now)",
        ExpressionAttributeValues: { ":now": now, ":claimedUntil": now + CLAIM_MS },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return { turn: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = (error as { Item?: Record<string, AttributeValue> }).Item;
    // The room itself is gone: whoever is still in it is told at once.
    if (!old) return { turn: true };
    const nextAt = Number(unmarshall(old).presenceNextAt);
    return { turn: false, waitSeconds: Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil((nextAt - now) / 1000))) };
  }
}

/** After a notice: the room's next one may go at `at`. */
export async function setNextPresenceTurn(roomId: string, at: number): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: roomKey(roomId),
        UpdateExpression: "SET presenceNextAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
