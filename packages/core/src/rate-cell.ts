import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName } from "./db";
import { decide, emissionIntervalMs, type RateRule, toleranceMs } from "./rate-limit";

type Item = Record<string, unknown>;

export type CellState = "idle" | "busy";

export type CellOutcome =
  | { kind: "counted"; item: Item }
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

/**
 * Counts one event against a GCRA cell stored on an item (its `tat`), in one
 * conditional UpdateItem when the first guess is right. Returns the item as
 * updated, `missing` for an `existing` item the table does not have, or
 * `limited` with when to retry. A concurrent event can move tat between tries.
 */
export async function countInCell({
  key,
  rule,
  now,
  first = "idle",
  existing = false,
  alsoSet,
}: CellUpdate): Promise<CellOutcome> {
  let state = first;
  let retryAfterMs = emissionIntervalMs(rule);
  for (let attempt = 0; attempt < 4; attempt++) {
    const update = updates[state];
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: `SET ${update.set}${alsoSet ? `, ${alsoSet.expression}` : ""}`,
          ConditionExpression: update.condition(existing),
          ExpressionAttributeValues: { ...update.values(now, rule), ...alsoSet?.values },
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { kind: "counted", item: Attributes ?? {} };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      if (!old && existing) return { kind: "missing" };
      const decision = decide(old ? (unmarshall(old).tat as number | undefined) : undefined, now, rule);
      if (decision.kind === "limited") {
        retryAfterMs = decision.retryAfterMs;
        break;
      }
      state = decision.kind;
    }
  }
  return { kind: "limited", retryAfterMs };
}
