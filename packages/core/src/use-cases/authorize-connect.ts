import { ChatError } from "../errors";
import { type AuthorizerContext, authorizerContextOf } from "../identity";
import { admit } from "./admit";

/**
 * The $connect authorizer's decision: the connection's identity, as the
 * context API Gateway hands to every later event, so no frame has to read the
 * sender from the table. A query that admits nobody gets no context; the
 * connection is still allowed, because only $connect can refuse with the
 * contract's 400 or 404 (an authorizer can only answer 401 or 403).
 */
export function authorizeConnect(query: unknown): AuthorizerContext | undefined {
  try {
    return authorizerContextOf(admit(query));
  } catch (error) {
    if (error instanceof ChatError) return undefined;
    throw error;
  }
}
