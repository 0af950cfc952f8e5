import type { IncomingMessage } from "node:http";
import * as v from "valibot";
import { LOCAL_REGION } from "./aws-env";
import { requestUrl } from "./http-body";
import type { LambdaFunction } from "./lambda";
import { API_ID, type ConnectionInfo, connectEvent, STAGE } from "./ws-events";

/** A Lambda REQUEST authorizer on the $connect route, as API Gateway WebSocket APIs run them. */
export interface ConnectAuthorizer {
  function: Pick<LambdaFunction, "invoke">;
  /**
   * Where the identity is (`route.request.header.<Name>`, `route.request.querystring.<name>`):
   * each must be present and non-empty, or the handshake is refused with 401 without invoking it.
   */
  identitySources: readonly string[];
}

/** What the authorizer decided: the context every later event carries, or the status the handshake is refused with. */
export type Authorization = { allowed: true; context: Record<string, unknown> } | { allowed: false; status: number };

/** Account id in the ARNs the emulator makes. */
const ACCOUNT_ID = "000000000000";

export const connectMethodArn = () => `arn:aws:execute-api:${LOCAL_REGION}:${ACCOUNT_ID}:${API_ID}/${STAGE}/$connect`;

const Statement = v.object({
  Effect: v.picklist(["Allow", "Deny"]),
  Action: v.union([v.string(), v.array(v.string())]),
  Resource: v.union([v.string(), v.array(v.string())]),
});
const AuthorizerResult = v.object({
  principalId: v.string(),
  policyDocument: v.object({ Version: v.string(), Statement: v.array(Statement) }),
  // API Gateway passes on string, number and boolean values only; anything else is a configuration error.
  context: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]))),
});

/** IAM's wildcard match: `*` any run of characters, `?` one character. */
const matches = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  ).test(value);

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/** Whether the policy lets the handshake through: an explicit Deny wins, then some Allow must match. */
function policyAllows(statements: v.InferOutput<typeof Statement>[], methodArn: string): boolean {
  const applies = (statement: v.InferOutput<typeof Statement>) =>
    list(statement.Action).some((action) => matches(action.toLowerCase(), "execute-api:invoke")) &&
    list(statement.Resource).some((resource) => matches(resource, methodArn));
  if (statements.some((statement) => statement.Effect === "Deny" && applies(statement))) return false;
  return statements.some((statement) => statement.Effect === "Allow" && applies(statement));
}

/** The value of one identity source in the handshake, or undefined (header names are case-insensitive). */
function identityValue(source: string, request: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = /^route\.request\.header\.(.+)$/.exec(source);
  if (header) {
    const value = request.headers[header[1]!.toLowerCase()];
    return Array.isArray(value) ? value.join(",") : value;
  }
  const parameter = /^route\.request\.querystring\.(.+)$/.exec(source);
  if (parameter) return query.get(parameter[1]!) ?? undefined;
  return undefined;
}

/**
 * Runs the authorizer for a handshake as API Gateway does: 401 when an identity
 * source is missing (not invoked) or when it fails with "Unauthorized"; 403
 * when its policy does not allow `execute-api:Invoke` on the $connect method;
 * 500 for any other failure or a malformed answer. Allowed: the context, with
 * the principalId beside it, that every event of the connection then carries.
 */
export async function authorize(
  authorizer: ConnectAuthorizer,
  connection: ConnectionInfo,
  request: IncomingMessage,
): Promise<Authorization> {
  const query = requestUrl(request).searchParams;
  if (authorizer.identitySources.some((source) => !identityValue(source, request, query))) {
    return { allowed: false, status: 401 };
  }
  const methodArn = connectMethodArn();
  const started = Date.now();
  let answer: unknown;
  try {
    const event = connectEvent(connection, request);
    answer = await authorizer.function.invoke({ type: "REQUEST", methodArn, ...event, stageVariables: {} });
  } catch (error) {
    if (error instanceof Error && error.message === "Unauthorized") return { allowed: false, status: 401 };
    console.error("[ws] the $connect authorizer failed", error);
    return { allowed: false, status: 500 };
  }
  const result = v.safeParse(AuthorizerResult, answer);
  if (!result.success) {
    console.error(`[ws] the $connect authorizer returned a malformed answer: ${result.issues[0].message}`);
    return { allowed: false, status: 500 };
  }
  if (!policyAllows(result.output.policyDocument.Statement, methodArn)) return { allowed: false, status: 403 };
  return {
    allowed: true,
    context: {
      ...result.output.context,
      principalId: result.output.principalId,
      integrationLatency: Date.now() - started,
    },
  };
}
