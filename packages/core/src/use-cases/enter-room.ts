import * as v from "valibot";
import { countAgainstAddress } from "../address-limit";
import { ChatError } from "../errors";
import { deliver } from "../fan-out";
import { guestName } from "../ids";
import { join, membersOf } from "../presence";
import { ConnectQuery, DisplayName, parse, RoomId } from "../schemas";
import type { Member } from "../types";

/**
 * $connect: validates the handshake's query, counts the connect against the
 * client's address limit, joins the room (the join transaction itself refuses
 * an unknown or expired room), announces the newcomer.
 */
export async function enterRoom(connectionId: string, query: unknown, address: string): Promise<Member> {
  const { roomId, name } = parse(ConnectQuery, query ?? {});
  if (!v.is(RoomId, roomId)) throw new ChatError("not_found", "room not found");
  const displayName = name === undefined || name.trim() === "" ? guestName() : parse(DisplayName, name);
  await countAgainstAddress("connect", address);
  const member = await join({ connectionId, roomId, name: displayName });
  const members = await membersOf(roomId);
  await deliver({ type: "join", member, members: members.length }, members, connectionId);
  return member;
}
