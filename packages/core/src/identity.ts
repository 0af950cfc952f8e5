import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { db, tableName } from "./db";
import { connectionKey } from "./keys";
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

/**
 * The identity stored with the connection: for a connection made before its
 * $connect had the authorizer (a deploy does not end open connections).
 */
export async function storedIdentity(connectionId: string): Promise<Identity | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: connectionKey(connectionId) }));
  if (!Item) return undefined;
  return { roomId: Item.roomId as string, member: { id: Item.memberId as string, name: Item.name as string } };
}
