import { ChatError } from "./errors";
import { addressLimitKey } from "./keys";
import { countInCell } from "./rate-cell";
import { emissionIntervalMs, toleranceMs } from "./rate-limit";
import { type AddressLimited, addressRules } from "./settings";
import type { TransactItem } from "./transactions";

// Limits per client address (API Gateway's sourceIp) for what a flood would
// use: connects, which also send join and leave notices to a room, and room
// creation. One GCRA cell per address and kind, an item with a TTL.

/**
 * Counts one `kind` event from `address`; throws rate_limited (with when to
 * retry) past its rule. With `alongside`, those writes are made in the same
 * transaction (the cell's update first), only if the event is counted.
 */
export async function countAgainstAddress(
  kind: AddressLimited,
  address: string,
  { now = Date.now(), alongside }: { now?: number; alongside?: TransactItem[] } = {},
): Promise<void> {
  const rule = addressRules()[kind];
  // The cell is worthless once its tat has passed: let TTL remove it then.
  const expires = Math.ceil((now + toleranceMs(rule) + emissionIntervalMs(rule)) / 1000) + 1;
  const outcome = await countInCell({
    key: addressLimitKey(kind, address),
    rule,
    now,
    alsoSet: { expression: "expiresAt = :expires", values: { ":expires": expires } },
    alongside,
  });
  if (outcome.kind !== "limited") return;
  throw new ChatError(
    "rate_limited",
    `too many ${kind === "connect" ? "connections" : "new rooms"} from your address; try again later`,
    Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)),
  );
}
