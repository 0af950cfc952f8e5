import { deliver } from "../fan-out";
import { membersOf } from "../presence";
import { countedWith, type IncomingFrame, senderOf } from "./sender";

/** typing: every other member hears that the sender is typing. */
export async function sendTyping(frame: IncomingFrame): Promise<void> {
  const sender = await senderOf(frame);
  if (!sender) return;
  const members = await countedWith(frame, membersOf(sender.roomId));
  if (members) await deliver(sender.roomId, { type: "typing", member: sender.member }, members, frame.connectionId);
}
