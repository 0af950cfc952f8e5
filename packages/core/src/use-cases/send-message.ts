import { deliver } from "../fan-out";
import { newMessage } from "../messages";
import { membersOf } from "../presence";
import { parse, SendMessageData } from "../schemas";
import { countedWith, type IncomingFrame, senderOf } from "./sender";

/**
 * sendMessage: one round trip before the fan-out, two requests: a transaction
 * that counts the frame against the sender's rate limit and stores the
 * message, beside one consistent members query. The sender comes from the
 * connection's authorizer context. Then one post per member. An error frame
 * means the message was not stored (the client may send it again), so once it
 * is stored no failure of the fan-out reaches the sender.
 */
export async function sendMessage(frame: IncomingFrame, data: unknown): Promise<void> {
  const input = parse(SendMessageData, data);
  const sender = await senderOf(frame);
  if (!sender) return;
  const { message, item } = newMessage({
    roomId: sender.roomId,
    text: input.message,
    author: sender.member,
    clientMessageId: input.clientMessageId,
  });
  const members = await countedWith(frame, membersOf(sender.roomId), { item });
  if (!members) return;
  try {
    await deliver(sender.roomId, { type: "message", message }, members);
  } catch (error) {
    // Members the fan-out missed find the message in history when they next sync.
    console.error(`message ${message.id} is stored, but its fan-out failed`, error);
  }
}
