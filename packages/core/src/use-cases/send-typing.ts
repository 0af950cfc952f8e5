import { deliver } from "../fan-out";
import { membersOf } from "../presence";
import { senderOf } from "./sender";

/** typing: every other member hears that the sender is typing. */
export async function sendTyping(connectionId: string): Promise<void> {
  const sender = await senderOf(connectionId);
  if (!sender) return;
  await deliver({ type: "typing", member: sender.member }, await membersOf(sender.roomId), connectionId);
}
