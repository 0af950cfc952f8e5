import * as v from "valibot";
import type { Member } from "./types";

/** Who a connection is: its room and its member, fixed when it connects. */
export interface Identity {
  roomId: string;
  member: Member;
}

// What the $connect authorizer returns as its context, and API Gateway hands
// back in requestContext.authorizer on every later event of the connection
// (with principalId and more beside it): flat strings only.
const AuthorizerContext = v.object({ roomId: v.string(), memberId: v.string(), name: v.string() });
export type AuthorizerContext = v.InferOutput<typeof AuthorizerContext>;

export const authorizerContextOf = ({ roomId, member }: Identity): AuthorizerContext => ({
  roomId,
  memberId: member.id,
  name: member.name,
});

/** The identity in an event's authorizer context; undefined when it carries none. */
export function identityFromContext(context: unknown): Identity | undefined {
  const parsed = v.safeParse(AuthorizerContext, context);
  if (!parsed.success) return undefined;
  const { roomId, memberId, name } = parsed.output;
  return { roomId, member: { id: memberId, name } };
}
