import { deliver } from "../fan-out";
import { storeMessage } from "../messages";
import { membersOf } from "../presence";
import { parse, SendMessageData } from "../schemas";
import { senderOf } from "./sender";

/**
 * sendMessage: one conditional update (sender + rate limit), then one put and
 * one consistent members query side by side, then one post per member.
 */
export async function sendMessage(connectionId: string, data: unknown): Promise<void> {
  const input = parse(SendMessageData, data);
  const sender = await senderOf(connectionId);
  if (!sender) return;
  // Independent requests: the write and the members read go out together.
  const [message, members] = await Promise.all([
    storeMessage({
      roomId: sender.roomId,
      text: input.message,
      author: sender.member,
      clientMessageId: input.clientMessageId,
    }),
    membersOf(sender.roomId),
  ]);
  await deliver({ type: "message", message }, members);
}
