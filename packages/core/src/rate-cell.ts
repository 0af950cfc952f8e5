import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName } from "./db";
import { decide, emissionIntervalMs, type RateRule, toleranceMs } from "./rate-limit";
import { cancellationReasons } from "./transactions";

type Item = Record<string, unknown>;

export type CellState = "idle" | "busy";

export type CellOutcome =
  | { kind: "counted"; state: CellState }
  | { kind: "missing" }
  | { kind: "limited"; retryAfterMs: number };

export interface CellUpdate {
  key: Item;
  rule: RateRule;
  now: number;
  /** Which update to try first (a hint; the conditions keep the count right). */
  first?: CellState;
  /** The item must already exist (a connection record); otherwise the update creates it. */
  existing?: boolean;
  /** Another attribute set in the same update, e.g. a TTL. */
  alsoSet?: { expression: string; values: Record<string, unknown> };
  /**
   * An item written only if the event is counted: the update and this put go
   * in one TransactWriteItems, so a limited event stores nothing.
   */
  alongside?: { item: Item };
}

// The two conditional updates of a GCRA cell: after a quiet spell tat restarts
// from now; within the burst it moves on by one interval.
const updates = {
  idle: {
    set: "tat = :next",
    condition: (existing: boolean) =>
      existing
        ? "attribute_exists(pk) AND (attribute_not_exists(tat) OR tat <= :now)"
        : "attribute_not_exists(tat) OR tat <= :now",
    values: (now: number, rule: RateRule) => ({ ":now": now, ":next": now + emissionIntervalMs(rule) }),
  },
  busy: {
    set: "tat = tat + :interval",
    condition: () => "tat > :now AND tat <= :latest",
    values: (now: number, rule: RateRule) => ({
      ":now": now,
      ":latest": now + toleranceMs(rule),
      ":interval": emissionIntervalMs(rule),
    }),
  },
};

/** Why one try did not count: the cell's condition failed (with the item as it was), or a concurrent transaction. */
type Refusal = { kind: "condition"; old?: Record<string, AttributeValue> } | { kind: "conflict" };

/** Sends one try; undefined when it counted. */
async function tryUpdate(
  update: Record<string, unknown>,
  alongside: CellUpdate["alongside"],
): Promise<Refusal | undefined> {
  try {
    if (!alongside) {
      await db.send(new UpdateCommand(update as never));
    } else {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [{ Update: update as never }, { Put: { TableName: tableName(), Item: alongside.item } }],
        }),
      );
    }
    return undefined;
  } catch (error) {
    if (isConditionFailure(error))
      return { kind: "condition", old: (error as { Item?: Record<string, AttributeValue> }).Item };
    const [reason] = cancellationReasons(error);
    if (reason?.Code === "ConditionalCheckFailed") return { kind: "condition", old: reason.Item };
    if (reason?.Code === "TransactionConflict") return { kind: "conflict" };
    throw error;
  }
}

/**
 * Counts one event against a GCRA cell stored on an item (its `tat`), in one
 * request when the first guess is right. Returns which update counted it,
 * `missing` for an `existing` item the table does not have, or `limited` with
 * when to retry. A concurrent event can move tat between tries.
 */
export async function countInCell({
  key,
  rule,
  now,
  first = "idle",
  existing = false,
  alsoSet,
  alongside,
}: CellUpdate): Promise<CellOutcome> {
  let state = first;
  let retryAfterMs = emissionIntervalMs(rule);
  for (let attempt = 0; attempt < 4; attempt++) {
    const update = updates[state];
    const refusal = await tryUpdate(
      {
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET ${update.set}${alsoSet ? `, ${alsoSet.expression}` : ""}`,
        ConditionExpression: update.condition(existing),
        ExpressionAttributeValues: { ...update.values(now, rule), ...alsoSet?.values },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      },
      alongside,
    );
    if (!refusal) return { kind: "counted", state };
    if (refusal.kind === "conflict") continue;
    if (!refusal.old && existing) return { kind: "missing" };
    const decision = decide(refusal.old ? (unmarshall(refusal.old).tat as number | undefined) : undefined, now, rule);
    if (decision.kind === "limited") {
      retryAfterMs = decision.retryAfterMs;
      break;
    }
    state = decision.kind;
  }
  return { kind: "limited", retryAfterMs };
}
