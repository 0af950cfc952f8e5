import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName } from "./db";
import { ChatError } from "./errors";
import { addressLimitKey } from "./keys";
import { decide, emissionIntervalMs, type RateRule, toleranceMs } from "./rate-limit";
import { type AddressLimited, addressRules } from "./settings";

// Limits per client address (API Gateway's sourceIp) for what a flood would
// use: connects, which also send join and leave notices to a room, and room
// creation. One GCRA cell per address and kind, an item with a TTL.

const updates = {
  idle: {
    UpdateExpression: "SET tat = :next, expiresAt = :expires",
    ConditionExpression: "attribute_not_exists(tat) OR tat <= :now",
    values: (now: number, rule: RateRule) => ({ ":now": now, ":next": now + emissionIntervalMs(rule) }),
  },
  busy: {
    UpdateExpression: "SET tat = tat + :interval, expiresAt = :expires",
    ConditionExpression: "tat > :now AND tat <= :latest",
    values: (now: number, rule: RateRule) => ({
      ":now": now,
      ":latest": now + toleranceMs(rule),
      ":interval": emissionIntervalMs(rule),
    }),
  },
};

/** Counts one `kind` event from `address`; throws rate_limited (with when to retry) past its rule. */
export async function countAgainstAddress(kind: AddressLimited, address: string, now = Date.now()): Promise<void> {
  const rule = addressRules()[kind];
  // The cell is worthless once its tat has passed: let TTL remove it then.
  const expires = Math.ceil((now + toleranceMs(rule) + emissionIntervalMs(rule)) / 1000) + 1;
  let state: "idle" | "busy" = "idle";
  let retryAfterMs = emissionIntervalMs(rule);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: addressLimitKey(kind, address),
          UpdateExpression: updates[state].UpdateExpression,
          ConditionExpression: updates[state].ConditionExpression,
          ExpressionAttributeValues: { ...updates[state].values(now, rule), ":expires": expires },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      const decision = decide(old ? (unmarshall(old).tat as number | undefined) : undefined, now, rule);
      if (decision.kind === "limited") {
        retryAfterMs = decision.retryAfterMs;
        break;
      }
      state = decision.kind;
    }
  }
  throw new ChatError(
    "rate_limited",
    `too many ${kind === "connect" ? "connections" : "new rooms"} from your address; try again later`,
    Math.max(1, Math.ceil(retryAfterMs / 1000)),
  );
}
