import { deliver } from "../fan-out";
import { leave, membersOf } from "../presence";

/** $disconnect: removes the connection and tells the others it left. */
export async function leaveRoom(connectionId: string): Promise<void> {
  const left = await leave(connectionId);
  if (!left) return;
  const members = await membersOf(left.roomId);
  await deliver({ type: "leave", member: left.member, members: members.length }, members);
}
