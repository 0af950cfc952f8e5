import { AsyncLocalStorage } from "node:async_hooks";
import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { interceptManagementCalls, type ManagementResponse } from "@chat/core/management-transport";
import type { RouteFunction, TableAction } from "@chat/functions/routes";
import type { Handler } from "./lambda";

// The local runtime enforces the rights each function gets in AWS (routes.ts,
// turned into IAM statements by infra/access.ts), so a handler that sends a
// DynamoDB action its route does not declare fails here as it would deployed,
// with AccessDeniedException, instead of only after `sst deploy`.

export interface Grant {
  functionName: string;
  route: RouteFunction;
}

const currentGrant = new AsyncLocalStorage<Grant>();

/** Runs every invocation of `handler` with the rights of `route`'s function. */
export const withGrant =
  (functionName: string, route: RouteFunction, handler: Handler): Handler =>
  (event, context) =>
    currentGrant.run({ functionName, route }, () => handler(event, context));

type Input = Record<string, unknown>;

// The IAM action behind each item of a TransactWriteItems request.
const transactItemActions: Record<string, TableAction | "ConditionCheckItem"> = {
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  ConditionCheck: "ConditionCheckItem",
};

/** The DynamoDB actions one command needs, with the index it targets, if any. */
export function actionsOf(commandName: string, input: Input): { action: string; index?: string }[] {
  const operation = commandName.replace(/Command$/, "");
  if (operation === "TransactWriteItems") {
    return ((input.TransactItems as Input[] | undefined) ?? []).flatMap((item) =>
      Object.keys(item).map((kind) => ({ action: transactItemActions[kind] ?? kind })),
    );
  }
  if (operation === "TransactGetItems") return [{ action: "GetItem" }];
  return [{ action: operation, index: input.IndexName as string | undefined }];
}

const allowed = (route: RouteFunction, action: string, index?: string) =>
  ((index ? route.roomListIndex : route.table) as readonly string[] | undefined)?.includes(action) ?? false;

class AccessDeniedException extends Error {
  override name = "AccessDeniedException";
  readonly $fault = "client";
  readonly $metadata = { httpStatusCode: 400 };
}

const deniedMessage = (grant: Grant, what: string) =>
  `${grant.functionName} is not authorized to perform: ${what} because no identity-based policy allows it (routes.ts)`;

function denied(grant: Grant, what: string): never {
  throw new AccessDeniedException(deniedMessage(grant, what));
}

/**
 * Makes the handlers' SDK clients refuse, inside an invocation, what its route
 * may not do: a DynamoDB action it does not declare, or a post to a connection
 * from a function not linked to the WebSocket API. `grantNow` names the function
 * running: in a function's own worker, always that one; in one process shared by
 * all handlers, the invocation's (withGrant), and none for the runtime's own
 * table setup and sweep, which are not checked. A client not given is left alone
 * (an environment whose handler never reaches it does not load it).
 */
export function enforceGrants(
  { dynamo, management }: { dynamo?: DynamoDBClient; management?: ApiGatewayManagementApiClient },
  grantNow: () => Grant | undefined = () => currentGrant.getStore(),
) {
  dynamo?.middlewareStack.add(
    (next, context) => async (args) => {
      const grant = grantNow();
      for (const { action, index } of grant ? actionsOf(context.commandName ?? "", args.input as Input) : []) {
        if (!allowed(grant!.route, action, index)) {
          denied(grant!, `dynamodb:${action} on ${index ? `the index ${index}` : "the table"}`);
        }
      }
      return next(args);
    },
    { step: "initialize", name: "localGrantCheck" },
  );
  if (!management) return;
  // Checked where every @connections call leaves, and refused as API Gateway refuses it: 403.
  interceptManagementCalls(management, async ({ command }, send) => {
    const grant = grantNow();
    if (!grant || grant.route.chat) return send();
    const message = deniedMessage(grant, `execute-api:ManageConnections (${command})`);
    return {
      statusCode: 403,
      headers: { "content-type": "application/json", "x-amzn-errortype": "AccessDeniedException" },
      body: Buffer.from(JSON.stringify({ message })),
    } as ManagementResponse;
  });
}
