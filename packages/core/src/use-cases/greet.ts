import { ChatError } from "../errors";
import { tell } from "../notifier";
import { membersOf } from "../presence";
import { findRoom } from "../rooms";
import { countedWith, senderOf } from "./sender";

/** hello: the sender learns who it is, the room, and who is present. */
export async function greet(connectionId: string, authorizer: unknown): Promise<void> {
  const sender = await senderOf(connectionId, authorizer);
  if (!sender) return;
  const found = await countedWith(connectionId, Promise.all([findRoom(sender.roomId), membersOf(sender.roomId)]));
  if (!found) return;
  const [room, members] = found;
  if (!room) throw new ChatError("not_found", "room not found");
  await tell(connectionId, {
    type: "welcome",
    you: sender.member,
    room: { ...room, members: members.length },
    members: members.map((presence) => presence.member),
  });
}
