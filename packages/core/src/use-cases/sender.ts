import { countFrame, storedIdentity } from "../connections";
import { type Identity, identityFromContext } from "../identity";
import { closeConnection } from "../notifier";

/**
 * The sender of a frame: from its authorizer context (no request), or for a
 * connection older than the authorizer from its record. A connection the
 * table no longer knows is closed, so the client reconnects and joins again
 * instead of talking into the void.
 */
export async function senderOf(connectionId: string, authorizer: unknown): Promise<Identity | undefined> {
  const identity = identityFromContext(authorizer) ?? (await storedIdentity(connectionId));
  if (!identity) await closeConnection(connectionId);
  return identity;
}

/**
 * Counts the frame against the sender's rate limit (writing `alongside` in
 * the same transaction) while `reads` run: one round trip before the frame's
 * work. Undefined, and the connection closed, when the table no longer knows
 * it; rate_limited past the limit.
 */
export async function countedWith<T>(
  connectionId: string,
  reads: Promise<T>,
  alongside?: { item: Record<string, unknown> },
): Promise<T | undefined> {
  const [counted, read] = await Promise.all([countFrame(connectionId, alongside), reads]);
  if (counted) return read;
  await closeConnection(connectionId);
  return undefined;
}
