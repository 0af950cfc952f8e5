// Pulumi unit-test mocks for the AWS resources and data sources this app's SST
// program uses. Resources get made-up ids, ARNs and endpoints that look real
// (SST parses ARNs); data sources answer only for the tokens listed in
// `invokeHandlers`: any other token throws and is recorded, which fails the run.
import { createHash } from "node:crypto";
import type { Json, JsonObject, RecordedInvoke, RecordedResource, UnknownCall } from "./plan.ts";

export const region = "us-east-1";
export const accountId = "123456789012";

// What @pulumi/pulumi's runtime.setMocks expects (typed here so this file does
// not need SST's copy of Pulumi to type-check).
export interface MockResourceArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  custom?: boolean;
  id?: string;
}
export interface MockCallArgs {
  token: string;
  inputs: Record<string, unknown>;
}
export interface PulumiMocks {
  newResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> };
  call(args: MockCallArgs): Record<string, unknown>;
}

interface PolicyStatementInput {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

const oneOrMany = (values: string[]) => (values.length === 1 ? values[0]! : values);

/** Renders statements the way the AWS provider's getPolicyDocument does. */
export function renderPolicyDocument(statements: PolicyStatementInput[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((statement) => {
      const rendered: Record<string, unknown> = {};
      if (statement.sid) rendered.Sid = statement.sid;
      rendered.Effect = statement.effect ?? "Allow";
      if (statement.actions) rendered.Action = oneOrMany(statement.actions);
      if (statement.notActions) rendered.NotAction = oneOrMany(statement.notActions);
      if (statement.resources) rendered.Resource = oneOrMany(statement.resources);
      if (statement.notResources) rendered.NotResource = oneOrMany(statement.notResources);
      if (statement.principals) {
        rendered.Principal = Object.fromEntries(
          statement.principals.map((principal) => [principal.type, oneOrMany(principal.identifiers)]),
        );
      }
      if (statement.conditions) {
        const condition: Record<string, Record<string, unknown>> = {};
        for (const { test, variable, values } of statement.conditions) {
          const byVariable = condition[test] ?? {};
          byVariable[variable] = oneOrMany(values);
          condition[test] = byVariable;
        }
        rendered.Condition = condition;
      }
      return rendered;
    }),
  });
}

/** The data sources the program may call, and what they answer. */
export const invokeHandlers: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com" }),
  "aws:index/getRegion:getRegion": () => ({ id: region, name: region, description: "US East (N. Virginia)" }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    id: accountId,
    accountId,
    arn: `arn:aws:iam::${accountId}:user/deploy-plan`,
    userId: "AIDADEPLOYPLAN",
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => {
    const json = renderPolicyDocument((inputs.statements ?? []) as PolicyStatementInput[]);
    // Like the provider, the result echoes the inputs (SST reads `statements` back).
    return { ...inputs, id: createHash("sha256").update(json).digest("hex").slice(0, 12), json };
  },
};

/** The suffix a physical name gets, like SST's and Pulumi's random ones (stable per name). */
const suffix = (name: string) => createHash("sha256").update(name).digest("hex").slice(0, 8);

/** Outputs a real provider would add for the types SST reads back. */
function madeUpOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-${suffix(name)}`;
  const id = `${physical}-id`;
  const [, module = ""] = /^aws:([^/]+)\//.exec(type) ?? [];
  const generic = { id, arn: `arn:aws:${module}:${region}:${accountId}:${module}/${physical}`, name: physical };
  switch (type) {
    case "aws:lambda/function:Function": {
      const arn = `arn:aws:lambda:${region}:${accountId}:function:${physical}`;
      return {
        ...generic,
        arn,
        qualifiedArn: `${arn}:$LATEST`,
        invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        version: "$LATEST",
      };
    }
    case "aws:lambda/functionUrl:FunctionUrl":
      return { ...generic, functionUrl: `https://${suffix(name)}.lambda-url.${region}.on.aws/`, urlId: suffix(name) };
    case "aws:iam/role:Role":
      return { ...generic, arn: `arn:aws:iam::${accountId}:role/${physical}`, uniqueId: `AROA${suffix(name)}` };
    case "aws:iam/policy:Policy":
      return { ...generic, arn: `arn:aws:iam::${accountId}:policy/${physical}` };
    case "aws:dynamodb/table:Table": {
      const arn = `arn:aws:dynamodb:${region}:${accountId}:table/${physical}`;
      return { ...generic, arn, streamArn: `${arn}/stream/2026-01-01T00:00:00.000` };
    }
    case "aws:apigatewayv2/api:Api": {
      const apiId = suffix(name);
      const scheme = inputs.protocolType === "WEBSOCKET" ? "wss" : "https";
      return {
        ...generic,
        id: apiId,
        arn: `arn:aws:apigateway:${region}::/apis/${apiId}`,
        apiEndpoint: `${scheme}://${apiId}.execute-api.${region}.amazonaws.com`,
        executionArn: `arn:aws:execute-api:${region}:${accountId}:${apiId}`,
      };
    }
    case "aws:apigatewayv2/stage:Stage":
      return {
        ...generic,
        invokeUrl: `https://${suffix(name)}.execute-api.${region}.amazonaws.com/${String(inputs.name ?? "$default")}`,
        executionArn: `arn:aws:execute-api:${region}:${accountId}:${suffix(name)}/${String(inputs.name ?? "$default")}`,
      };
    case "aws:s3/bucketV2:BucketV2":
    case "aws:s3/bucket:Bucket":
      return {
        ...generic,
        bucket: physical,
        arn: `arn:aws:s3:::${physical}`,
        bucketDomainName: `${physical}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${physical}.s3.${region}.amazonaws.com`,
        region,
      };
    case "aws:sqs/queue:Queue":
      return {
        ...generic,
        arn: `arn:aws:sqs:${region}:${accountId}:${physical}`,
        url: `https://sqs.${region}.amazonaws.com/${accountId}/${physical}`,
      };
    case "aws:cloudfront/distribution:Distribution":
      return {
        ...generic,
        arn: `arn:aws:cloudfront::${accountId}:distribution/${suffix(name).toUpperCase()}`,
        domainName: `d${suffix(name)}.cloudfront.net`,
        hostedZoneId: "Z2FDTNDATAQYW2",
      };
    case "aws:cloudfront/keyValueStore:KeyValueStore":
      return { ...generic, arn: `arn:aws:cloudfront::${accountId}:key-value-store/${suffix(name)}` };
    case "aws:cloudfront/function:Function":
      return { ...generic, arn: `arn:aws:cloudfront::${accountId}:function/${physical}` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { ...generic, arn: `arn:aws:logs:${region}:${accountId}:log-group:${physical}` };
    default:
      return generic;
  }
}

/** Turns Pulumi's deserialized values (secrets, assets, archives) into plain JSON. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    // Pulumi's special signature key marks secrets, assets and archives.
    const signature = record["4dabf18193072939515e22adb298388d"];
    if (signature === "1b47061264138c4ac30d75fd1eb44270") return toJson(record.value);
    if (signature !== undefined) {
      const { path, text, uri, assets } = record;
      return toJson({ path, text, uri, assets });
    }
    if (typeof (record as { path?: unknown }).path === "string" && record.constructor?.name?.endsWith("Archive")) {
      return { path: record.path as string };
    }
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(record)) {
      if (item !== undefined) out[key] = toJson(item);
    }
    return out;
  }
  return String(value);
}

export class RecordingMocks implements PulumiMocks {
  readonly resources: RecordedResource[] = [];
  readonly invokes: RecordedInvoke[] = [];
  readonly unknownCalls: UnknownCall[] = [];

  newResource({ type, name, inputs, custom, id }: MockResourceArgs) {
    const state = { ...inputs, ...madeUpOutputs(type, name, inputs) };
    if (process.env.DEPLOY_PLAN_TRACE) console.error("register", type, name);
    const resourceId = id || String(state.id);
    this.resources.push({
      type,
      name,
      custom: custom ?? false,
      id: resourceId,
      inputs: toJson(inputs) as JsonObject,
      state: toJson(state) as JsonObject,
    });
    return { id: resourceId, state };
  }

  call({ token, inputs }: MockCallArgs) {
    this.invokes.push({ token, inputs: toJson(inputs) as JsonObject });
    const handler = invokeHandlers[token];
    if (!handler) {
      this.unknownCalls.push({ kind: "invoke", name: token });
      throw new Error(`deploy plan: no mock for the data source "${token}"`);
    }
    return handler(inputs);
  }
}
