// Read-only lookups over a recorded deploy plan: resources by type, the IAM
// statements of every policy, and the ties between routes, integrations,
// Lambda functions, their roles and their builds.
import type { DeployPlan, Json, JsonObject, RecordedBuild, RecordedResource } from "./plan.ts";

export const types = {
  lambda: "aws:lambda/function:Function",
  role: "aws:iam/role:Role",
  table: "aws:dynamodb/table:Table",
  api: "aws:apigatewayv2/api:Api",
  route: "aws:apigatewayv2/route:Route",
  integration: "aws:apigatewayv2/integration:Integration",
} as const;

/** Resource types whose `policy` input is an IAM policy document. */
const policyDocumentTypes = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sns/topicPolicy:TopicPolicy",
];

export const resourcesOf = (plan: DeployPlan, type: string) => plan.resources.filter((r) => r.type === type);

export function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0]!;
}

const asString = (value: Json | undefined) => (typeof value === "string" ? value : undefined);
const asList = (value: Json | undefined): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

/** One IAM statement, wherever it was written. */
export interface Grant {
  /** Where it is: `role <logical name> inline policy`, `aws:s3/bucketPolicy:BucketPolicy <name>`, `getPolicyDocument #3`. */
  source: string;
  /** The role it belongs to, for role policies. */
  role?: string;
  effect: "Allow" | "Deny";
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
}

function grantsOfDocument(document: Json | undefined, source: string, role?: string): Grant[] {
  const parsed = typeof document === "string" ? (JSON.parse(document) as Json) : document;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
  const statements = parsed.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return list.map((item) => {
    const statement = item as JsonObject;
    return {
      source,
      role,
      effect: statement.Effect === "Deny" ? "Deny" : "Allow",
      actions: asList(statement.Action),
      notActions: asList(statement.NotAction),
      resources: asList(statement.Resource),
      notResources: asList(statement.NotResource),
    };
  });
}

/** The statements of one role's inline policies. */
export function roleGrants(role: RecordedResource): Grant[] {
  const inline = (role.inputs.inlinePolicies ?? []) as JsonObject[];
  return inline.flatMap((policy) =>
    grantsOfDocument(policy.policy, `role ${role.name} inline policy ${String(policy.name)}`, role.name),
  );
}

/**
 * Every IAM statement in the plan: role inline and trust policies, standalone
 * and resource policies, and every document built with iam/getPolicyDocument
 * (where SST assembles each function's permissions).
 */
export function allGrants(plan: DeployPlan): Grant[] {
  const grants: Grant[] = [];
  for (const role of resourcesOf(plan, types.role)) {
    grants.push(...roleGrants(role));
    grants.push(...grantsOfDocument(role.inputs.assumeRolePolicy, `role ${role.name} trust policy`, role.name));
  }
  for (const resource of plan.resources.filter((r) => policyDocumentTypes.includes(r.type))) {
    grants.push(...grantsOfDocument(resource.inputs.policy, `${resource.type} ${resource.name}`));
  }
  plan.invokes.forEach((invoke, index) => {
    if (invoke.token !== "aws:iam/getPolicyDocument:getPolicyDocument") return;
    for (const item of (invoke.inputs.statements ?? []) as JsonObject[]) {
      grants.push({
        source: `getPolicyDocument #${index}`,
        effect: asString(item.effect)?.toLowerCase() === "deny" ? "Deny" : "Allow",
        actions: asList(item.actions),
        notActions: asList(item.notActions),
        resources: asList(item.resources),
        notResources: asList(item.notResources),
      });
    }
  });
  return grants;
}

/** A Lambda function with what it runs, its role's statements and its build. */
export interface LambdaView {
  resource: RecordedResource;
  handler: string;
  role: RecordedResource;
  grants: Grant[];
  build: RecordedBuild;
}

export function lambdas(plan: DeployPlan): LambdaView[] {
  const roles = resourcesOf(plan, types.role);
  return resourcesOf(plan, types.lambda).map((resource) => {
    const role = only(
      roles.filter((r) => r.state.arn === resource.inputs.role),
      `role for ${resource.name}`,
    );
    // SST names a Function component's Lambda `<functionID>Function`.
    const build = only(
      plan.builds.filter((b) => `${b.functionID}Function` === resource.name),
      `build for ${resource.name}`,
    );
    return { resource, handler: String(resource.inputs.handler), role, grants: roleGrants(role), build };
  });
}

/** The API with this protocol (`HTTP` or `WEBSOCKET`); this app has one of each. */
export const apiOf = (plan: DeployPlan, protocol: "HTTP" | "WEBSOCKET") =>
  only(
    resourcesOf(plan, types.api).filter((api) => api.inputs.protocolType === protocol),
    `${protocol} API`,
  );

/** An API route with its integration and the Lambda that integration invokes. */
export interface RouteView {
  routeKey: string;
  route: RecordedResource;
  integration: RecordedResource;
  lambda: LambdaView;
}

export function routesOf(plan: DeployPlan, api: RecordedResource): RouteView[] {
  const integrations = resourcesOf(plan, types.integration);
  const functions = lambdas(plan);
  return resourcesOf(plan, types.route)
    .filter((route) => route.inputs.apiId === api.id)
    .map((route) => {
      const integrationId = String(route.inputs.target).replace(/^integrations\//, "");
      const integration = only(
        integrations.filter((i) => i.id === integrationId),
        `integration ${integrationId}`,
      );
      const uri = integration.inputs.integrationUri;
      const lambda = only(
        functions.filter((f) => f.resource.state.arn === uri || f.resource.state.invokeArn === uri),
        `function behind ${String(route.inputs.routeKey)}`,
      );
      return { routeKey: String(route.inputs.routeKey), route, integration, lambda };
    });
}
