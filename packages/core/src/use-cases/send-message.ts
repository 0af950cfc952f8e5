import { deliver } from "../fan-out";
import { storeMessage } from "../messages";
import { membersOf } from "../presence";
import { SendMessageData, parse } from "../schemas";
import { senderOf } from "./sender";

/**
 * sendMessage: one conditional update (sender + rate limit), one put, one
 * consistent members query, one post per member.
 */
export async function sendMessage(connectionId: string, data: unknown): Promise<void> {
  const input = parse(SendMessageData, data);
  const sender = await senderOf(connectionId);
  if (!sender) return;
  const message = await storeMessage({
    roomId: sender.roomId,
    text: input.message,
    author: sender.member,
    clientMessageId: input.clientMessageId,
  });
  await deliver({ type: "message", message }, await membersOf(sender.roomId));
}
