import { type Identity, identityFromContext } from "../identity";
import { join } from "../presence";
import { notifyPresence } from "../presence-notices";
import type { Member } from "../types";
import { admit } from "./admit";

/**
 * $connect: takes the identity its authorizer gave the connection (or admits
 * the query itself, which reports a bad one), joins the room in one
 * transaction that also counts the connect against the client's address limit
 * and refuses an unknown or expired room, announces the newcomer (best effort).
 */
export async function enterRoom(
  connectionId: string,
  { authorizer, query }: { authorizer: unknown; query: unknown },
  address: string,
): Promise<Member> {
  const identity: Identity = identityFromContext(authorizer) ?? admit(query);
  await join({ connectionId, ...identity }, { address });
  // Joined: the connection must go through, or no $disconnect would ever remove the member. The
  // others learn of it later (they see it speak, or in the next welcome) if telling them fails.
  try {
    await notifyPresence({ roomId: identity.roomId, joined: identity.member }, connectionId);
  } catch (error) {
    console.error(`$connect: joined room ${identity.roomId}, but telling its members failed`, error);
  }
  return identity.member;
}
