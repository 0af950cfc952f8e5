import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { ContainerHints } from "./container-hints";
import { db, isConditionFailure, tableName, transactWrite } from "./db";
import { decide, emissionIntervalMs, type RateRule, toleranceMs } from "./rate-limit";
import { cancellationReasons, type TransactItem } from "./transactions";

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
  /** The item must already exist (a connection record); otherwise the update creates it. */
  existing?: boolean;
  /** Another attribute set in the same update, e.g. a TTL. */
  alsoSet?: { expression: string; values: Record<string, unknown> };
  /**
   * Writes made only if the event is counted: one TransactWriteItems with the
   * cell's update first and these after it, so a limited event writes nothing.
   * When one of their own conditions fails, the transaction's cancellation is
   * thrown as it came (its reasons in that order).
   */
  alongside?: TransactItem[];
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

// Each cell's tat as this container last left it: only a hint for which update
// to try first, so that a burst costs one request (or transaction) per event,
// not two. The conditions keep the count right when it is stale or missing.
const lastTat = new ContainerHints<number>(10_000);
const hintKey = (key: Item) => `${key.pk}\u0000${key.sk}`;

function remember(key: Item, tat: number | undefined) {
  if (tat === undefined) lastTat.delete(hintKey(key));
  else lastTat.set(hintKey(key), tat);
}

/** Sends one try; undefined when it counted, else the cell as it was when its condition failed. */
async function tryUpdate(
  update: Record<string, unknown>,
  alongside: TransactItem[] | undefined,
): Promise<{ old?: Record<string, AttributeValue> } | undefined> {
  try {
    if (!alongside) {
      await db.send(new UpdateCommand(update as never));
    } else {
      await transactWrite([{ Update: update as never }, ...alongside]);
    }
    return undefined;
  } catch (error) {
    if (isConditionFailure(error)) return { old: (error as { Item?: Record<string, AttributeValue> }).Item };
    const [cell] = cancellationReasons(error);
    if (cell?.Code === "ConditionalCheckFailed") return { old: cell.Item };
    throw error;
  }
}

/**
 * Counts one event against a GCRA cell stored on an item (its `tat`), in one
 * request when the container's hint is right. Returns which update counted
 * it, `missing` for an `existing` item the table does not have, or `limited`
 * with when to retry. A concurrent event can move tat between tries.
 */
export async function countInCell({
  key,
  rule,
  now,
  existing = false,
  alsoSet,
  alongside,
}: CellUpdate): Promise<CellOutcome> {
  const interval = emissionIntervalMs(rule);
  const hinted = lastTat.get(hintKey(key));
  let state: CellState = hinted !== undefined && hinted > now ? "busy" : "idle";
  let retryAfterMs = interval;
  let knownTat = hinted;
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
    if (!refusal) {
      // Where tat went: from now after a quiet spell, one interval on within a
      // burst (from what this container last saw; others' events make it a guess).
      remember(key, state === "idle" ? now + interval : Math.max(knownTat ?? now, now) + interval);
      return { kind: "counted", state };
    }
    if (!refusal.old && existing) {
      remember(key, undefined);
      return { kind: "missing" };
    }
    knownTat = refusal.old ? (unmarshall(refusal.old).tat as number | undefined) : undefined;
    remember(key, knownTat);
    const decision = decide(knownTat, now, rule);
    if (decision.kind === "limited") {
      retryAfterMs = decision.retryAfterMs;
      break;
    }
    state = decision.kind;
  }
  return { kind: "limited", retryAfterMs };
}
