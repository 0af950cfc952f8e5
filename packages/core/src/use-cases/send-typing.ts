import { deliver } from "../fan-out";
import { membersOf } from "../presence";
import { countedWith, senderOf } from "./sender";

/** typing: every other member hears that the sender is typing. */
export async function sendTyping(connectionId: string, authorizer: unknown): Promise<void> {
  const sender = await senderOf(connectionId, authorizer);
  if (!sender) return;
  const members = await countedWith(connectionId, membersOf(sender.roomId));
  if (members) await deliver(sender.roomId, { type: "typing", member: sender.member }, members, connectionId);
}
