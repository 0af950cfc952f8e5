import { leave } from "../presence";
import { notifyPresence } from "../presence-notices";

/** $disconnect: removes the connection and tells the others it left. */
export async function leaveRoom(connectionId: string): Promise<void> {
  const left = await leave(connectionId);
  if (left) await notifyPresence({ roomId: left.roomId, left: left.member });
}
