import { type Connection, useConnection } from "../connections";
import { closeConnection } from "../notifier";

/**
 * The connection a frame came from, counted against its rate limit. A
 * connection the table no longer knows is closed, so the client reconnects
 * and joins again instead of talking into the void.
 */
export async function senderOf(connectionId: string): Promise<Connection | undefined> {
  const connection = await useConnection(connectionId);
  if (!connection) await closeConnection(connectionId);
  return connection;
}
