// The deploy plan's rules as pure functions: each takes a recorded plan (and
// the project's own declarations) and returns what breaks the rule, one line
// per finding; an empty list means the rule holds. Tests feed them the real
// plan and mutated copies, so every rule is shown to be able to go red.
import { type FunctionKind, handlerPath, type RouteFunction } from "../../packages/functions/src/routes.ts";
import type { DeployPlan, RecordedResource } from "./plan.ts";
import { allGrants, type Grant, type LambdaView, lambdas } from "./queries.ts";

export function runtimeViolations(plan: DeployPlan, runtime: string): string[] {
  return lambdas(plan)
    .filter((fn) => fn.resource.inputs.runtime !== runtime)
    .map((fn) => `${fn.resource.name} (${fn.handler}) runs ${String(fn.resource.inputs.runtime)}, not ${runtime}`);
}

/** A broad grant: an Allow with a wildcard action, `Resource: "*"`, or NotAction/NotResource. */
export interface WildcardGrant {
  grant: Grant;
  what: string;
}

export function wildcardGrants(plan: DeployPlan): WildcardGrant[] {
  const found: WildcardGrant[] = [];
  for (const grant of allGrants(plan)) {
    // A Deny narrows access whatever it names (e.g. SST's deny of s3:* without TLS).
    if (grant.effect !== "Allow") continue;
    for (const action of grant.actions) if (action.includes("*")) found.push({ grant, what: `action ${action}` });
    for (const resource of grant.resources) if (resource === "*") found.push({ grant, what: "resource *" });
    if (grant.notActions.length) found.push({ grant, what: `NotAction ${grant.notActions.join(",")}` });
    if (grant.notResources.length) found.push({ grant, what: `NotResource ${grant.notResources.join(",")}` });
  }
  return found;
}

/** A wildcard SST adds itself that this app accepts. */
export interface WildcardException {
  why: string;
  /** The role that may hold it (getPolicyDocument copies of the statement match by content alone). */
  role: RegExp;
  actions: string[];
  what: string;
}

export const allowedWildcardGrants: WildcardException[] = [
  {
    // SsrSite gives the Next.js server function (`<site>Server<region>Role`)
    // cloudfront:CreateInvalidation on "*" so revalidatePath/revalidateTag can
    // purge its distribution (ssr-site.ts): the distribution is created after
    // the function, so its ARN cannot be named here. The action can only
    // invalidate caches; it reads and changes no data.
    why: "Next.js server: CloudFront invalidation of its own distribution, whose ARN does not exist yet",
    role: /^\w+Server\w+Role$/,
    actions: ["cloudfront:CreateInvalidation"],
    what: "resource *",
  },
];

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

const isAllowed = ({ grant, what }: WildcardGrant, exception: WildcardException) =>
  what === exception.what &&
  sameList(grant.actions, exception.actions) &&
  (grant.role ? exception.role.test(grant.role) : grant.source.startsWith("getPolicyDocument"));

const describe = ({ grant, what }: WildcardGrant) => `${grant.source}: ${what} (${grant.actions.join(",")})`;

/** Broad grants not on the allow-list. */
export const unexpectedWildcardGrants = (plan: DeployPlan) =>
  wildcardGrants(plan)
    .filter((found) => !allowedWildcardGrants.some((exception) => isAllowed(found, exception)))
    .map(describe);

/** Allow-list entries the plan no longer needs (the list must stay exact). */
export const unusedWildcardExceptions = (plan: DeployPlan) => {
  const found = wildcardGrants(plan);
  return allowedWildcardGrants
    .filter((exception) => !found.some((item) => item.grant.role && isAllowed(item, exception)))
    .map((exception) => exception.why);
};

/** The ARNs a route's grants may name. */
export interface AccessTargets {
  tableArn: string;
  /** `<tableArn>/index/<room-list index>` */
  roomListIndexArn: string;
  /** `<WebSocket API execution ARN>/*\/*\/@connections/*` */
  connectionsArn: string;
  /** Each of the app's queues' ARN, by its name in routes.ts. */
  queueArns: Record<string, string>;
}

// What SST grants a queue's subscriber on the queue it reads (the event source mapping polls as the function).
const SUBSCRIBER_ACTIONS = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ReceiveMessage",
];

const statementKey = (actions: string[], resources: string[]) =>
  JSON.stringify({ actions: [...actions].sort(), resources: [...resources].sort() });

function expectedGrants(route: RouteFunction, targets: AccessTargets, subscribedTo?: string): string[] {
  const expected: string[] = [];
  for (const queue of route.queues ?? []) expected.push(statementKey(["sqs:SendMessage"], [targets.queueArns[queue]!]));
  if (subscribedTo) expected.push(statementKey(SUBSCRIBER_ACTIONS, [targets.queueArns[subscribedTo]!]));
  if (route.table)
    expected.push(
      statementKey(
        route.table.map((a) => `dynamodb:${a}`),
        [targets.tableArn],
      ),
    );
  if (route.roomListIndex) {
    expected.push(
      statementKey(
        route.roomListIndex.map((a) => `dynamodb:${a}`),
        [targets.roomListIndexArn],
      ),
    );
  }
  if (route.chat) expected.push(statementKey(["execute-api:ManageConnections"], [targets.connectionsArn]));
  return expected.sort();
}

const routeLambda = (plan: DeployPlan, kind: FunctionKind, file: string): LambdaView | undefined =>
  lambdas(plan).find((fn) => fn.handler === handlerPath(kind, file));

/**
 * Least privilege per route: the function's role holds exactly one statement
 * per declared need (table actions on the table, index actions on the index,
 * ManageConnections on @connections, SendMessage on each queue it sends to,
 * and for a queue's subscriber SST's receiving rights on that queue) and
 * nothing else.
 */
export function routeAccessViolations(
  plan: DeployPlan,
  kind: FunctionKind,
  routes: Record<string, RouteFunction>,
  targets: AccessTargets,
): string[] {
  const violations: string[] = [];
  for (const [key, route] of Object.entries(routes)) {
    const fn = routeLambda(plan, kind, route.file);
    if (!fn) {
      violations.push(`${kind} route ${key}: no function runs ${handlerPath(kind, route.file)}`);
      continue;
    }
    const actual = fn.grants
      .filter((grant) => grant.effect === "Allow")
      .map((grant) => statementKey(grant.actions, grant.resources))
      .sort();
    // A queue subscriber's key is the name of the queue it reads.
    const expected = expectedGrants(route, targets, kind === "queue" ? key : undefined);
    if (!sameList(actual, expected)) {
      violations.push(
        `${kind} route ${key} (${fn.role.name}) grants ${actual.join(" ")}; expected ${expected.join(" ")}`,
      );
    }
  }
  return violations;
}

/** The names `Resource` gives each route's handler: Table if it touches the table, Chat if it posts to connections. */
export function linkViolations(plan: DeployPlan, kind: FunctionKind, routes: Record<string, RouteFunction>): string[] {
  const violations: string[] = [];
  for (const [key, route] of Object.entries(routes)) {
    const fn = routeLambda(plan, kind, route.file);
    if (!fn) continue; // reported by routeAccessViolations
    const expected = [
      ...(route.table || route.roomListIndex ? ["Table"] : []),
      ...(route.chat ? ["Chat"] : []),
      ...(route.queues ?? []),
    ].sort();
    if (!sameList(fn.build.links, expected)) {
      violations.push(
        `${kind} route ${key} is linked to [${fn.build.links.join(", ")}]; expected [${expected.join(", ")}]`,
      );
    }
  }
  return violations;
}

/**
 * The functions that serve no route (the Next.js site's) touch neither the
 * app's table nor the WebSocket API.
 */
export function siteFunctionViolations(
  plan: DeployPlan,
  routeHandlers: string[],
  app: { table: RecordedResource; connectionsArn: string },
): string[] {
  const tableArn = String(app.table.state.arn);
  return lambdas(plan)
    .filter((fn) => !routeHandlers.includes(fn.handler))
    .flatMap((fn) =>
      fn.grants
        .filter(
          (grant) =>
            grant.actions.some((action) => action.startsWith("execute-api:")) ||
            grant.resources.some((resource) => resource.startsWith(tableArn)),
        )
        .map((grant) => `${fn.resource.name}: ${grant.actions.join(",")} on ${grant.resources.join(",")}`),
    );
}
