import { tell } from "../notifier";
import { countedWith, type IncomingFrame, senderOf } from "./sender";

/**
 * ping: the sender hears `pong` once the frame is counted against its rate
 * limit. A keep-alive that reads nothing of the room (hello reads every
 * member); a connection the table no longer knows is closed instead, so its
 * client reconnects.
 */
export async function answerPing(frame: IncomingFrame): Promise<void> {
  const sender = await senderOf(frame);
  if (!sender) return;
  const counted = await countedWith(frame, Promise.resolve(true));
  if (counted) await tell(frame.connectionId, { type: "pong" });
}
