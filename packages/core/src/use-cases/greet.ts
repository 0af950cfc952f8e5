import { ChatError } from "../errors";
import { tell } from "../notifier";
import { membersOf } from "../presence";
import { findRoom } from "../rooms";
import { senderOf } from "./sender";

/** hello: the sender learns who it is, the room, and who is present. */
export async function greet(connectionId: string): Promise<void> {
  const sender = await senderOf(connectionId);
  if (!sender) return;
  const [room, members] = await Promise.all([findRoom(sender.roomId), membersOf(sender.roomId)]);
  if (!room) throw new ChatError("not_found", "room not found");
  await tell(connectionId, {
    type: "welcome",
    you: sender.member,
    room: { ...room, members: members.length },
    members: members.map((presence) => presence.member),
  });
}
