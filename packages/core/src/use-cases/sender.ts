import { countFrame, storedIdentity } from "../connections";
import { type Identity, identityFromContext } from "../identity";
import { closeConnection } from "../notifier";

/** A frame as its route hands it over: its connection, the connection's authorizer context, and when it arrived. */
export interface IncomingFrame {
  connectionId: string;
  authorizer: unknown;
  /**
   * When API Gateway received it (ms since the epoch). The rate limit counts
   * frames at this moment, so a flood that waits its turn behind slow frames
   * is limited as it was sent, not as it happens to be handled.
   */
  receivedAt: number;
}

/**
 * The sender of a frame: from its authorizer context (no request), or for a
 * connection older than the authorizer from its record. A connection the
 * table no longer knows is closed, so the client reconnects and joins again
 * instead of talking into the void.
 */
export async function senderOf({ connectionId, authorizer }: IncomingFrame): Promise<Identity | undefined> {
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
  frame: IncomingFrame,
  reads: Promise<T>,
  alongside?: { item: Record<string, unknown> },
): Promise<T | undefined> {
  const [counted, read] = await Promise.all([countFrame(frame.connectionId, alongside, frame.receivedAt), reads]);
  if (counted) return read;
  await closeConnection(frame.connectionId);
  return undefined;
}
