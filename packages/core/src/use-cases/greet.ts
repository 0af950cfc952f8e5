import { ChatError } from "../errors";
import { tell } from "../notifier";
import { membersOf } from "../presence";
import { findRoom } from "../rooms";
import { welcomeFrame } from "../welcome";
import { countedWith, type IncomingFrame, senderOf } from "./sender";

/** hello: the sender learns who it is, the room, and who is present. */
export async function greet(frame: IncomingFrame): Promise<void> {
  const sender = await senderOf(frame);
  if (!sender) return;
  const countedAt = Date.now();
  const found = await countedWith(frame, Promise.all([findRoom(sender.roomId), membersOf(sender.roomId)]));
  if (!found) return;
  const [room, members] = found;
  if (!room) throw new ChatError("not_found", "room not found");
  const everyone = members.map((presence) => presence.member);
  await tell(
    frame.connectionId,
    welcomeFrame(sender.member, { ...room, members: members.length }, everyone, countedAt),
  );
}
