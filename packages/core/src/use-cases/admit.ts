import * as v from "valibot";
import { ChatError } from "../errors";
import type { Identity } from "../identity";
import { guestName, newMemberId } from "../ids";
import { ConnectQuery, DisplayName, parse, RoomId } from "../schemas";

/**
 * Who a handshake's query makes the connection: its room and a new member
 * with the given name, or a guest name. Throws the contract's errors for a
 * missing room id (invalid_request), a malformed one (not_found) or a bad name.
 */
export function admit(query: unknown): Identity {
  const { roomId, name } = parse(ConnectQuery, query ?? {});
  if (!v.is(RoomId, roomId)) throw new ChatError("not_found", "room not found");
  const displayName = name === undefined || name.trim() === "" ? guestName() : parse(DisplayName, name);
  return { roomId, member: { id: newMemberId(), name: displayName } };
}
