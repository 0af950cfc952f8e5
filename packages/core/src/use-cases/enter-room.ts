import { type Identity, identityFromContext } from "../identity";
import { join } from "../presence";
import { notifyPresence } from "../presence-notices";
import type { Member } from "../types";
import { admit } from "./admit";

/**
 * $connect: takes the identity its authorizer gave the connection (or admits
 * the query itself, which reports a bad one), joins the room in one
 * transaction that also counts the connect against the client's address limit
 * and refuses an unknown or expired room, announces the newcomer.
 */
export async function enterRoom(
  connectionId: string,
  { authorizer, query }: { authorizer: unknown; query: unknown },
  address: string,
): Promise<Member> {
  const identity: Identity = identityFromContext(authorizer) ?? admit(query);
  await join({ connectionId, ...identity }, { address });
  await notifyPresence({ roomId: identity.roomId, joined: identity.member }, connectionId);
  return identity.member;
}
