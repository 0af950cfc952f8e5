import { ChatError } from "./errors";
import { connectionKey } from "./keys";
import { countInCell } from "./rate-cell";
import { FRAME_RULE } from "./rate-limit";
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
  const outcome = await countInCell({
    key: connectionKey(connectionId),
    rule: FRAME_RULE,
    now,
    first: hint !== undefined && hint > now ? "busy" : "idle",
    existing: true,
  });
  if (outcome.kind === "missing") {
    tatHints.delete(connectionId);
    return undefined;
  }
  if (outcome.kind === "limited") throw new ChatError("rate_limited", "too many frames; slow down");
  rememberTat(connectionId, outcome.item.tat);
  return toConnection(connectionId, outcome.item);
}
