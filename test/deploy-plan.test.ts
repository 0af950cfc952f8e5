// The deploy plan, offline: sst.config.ts run under Pulumi's mocks
// (test/deploy-plan/synthesize.ts), checked like AWS CDK's assertions check a
// synthesized template. Expectations come from the project's own declarations:
// the route table, the table schema and the function sizing.
import { beforeAll, describe, expect, it } from "vitest";
import { functionSizing } from "../infra/settings.ts";
import { QUEUE_MAX_MESSAGE_BYTES } from "../packages/core/src/queue-limits.ts";
import { tableSchema } from "../packages/core/src/table-schema.ts";
import {
  appFunctions,
  connectAuthorizer,
  functionSizing as declaredSizing,
  handlerPath,
  httpApiCors,
  httpRoutes,
  queueSubscribers,
  stageThrottling,
  webSocketRoutes,
} from "../packages/functions/src/routes.ts";
import { MAX_FRAME_ANSWER_SECONDS } from "../packages/wire/src/limits.ts";
import {
  type AccessTargets,
  allowedWildcardGrants,
  linkViolations,
  routeAccessViolations,
  runtimeViolations,
  siteFunctionViolations,
  unexpectedWildcardGrants,
  unusedWildcardExceptions,
  wildcardGrants,
} from "./deploy-plan/checks.ts";
import { invokeHandlers, RecordingMocks } from "./deploy-plan/mocks.ts";
import type { DeployPlan, JsonObject } from "./deploy-plan/plan.ts";
import { apiOf, lambdas, only, resourcesOf, routesOf, types } from "./deploy-plan/queries.ts";
import { RpcStub, stubbedRpcMethods } from "./deploy-plan/rpc-stub.ts";
import { projectRoot, synthesize } from "./deploy-plan/synthesize.ts";

const runtime = "nodejs22.x";
// SST's Nextjs component adds four functions: server, image optimizer,
// revalidation subscriber and revalidation seeder.
const siteFunctionCount = 4;
const appFunctionCount = appFunctions.length;
const roomListIndex = only(Object.keys(tableSchema.globalIndexes), "room-list index");
const routeHandlers = appFunctions.map(({ kind, fn }) => handlerPath(kind, fn.file));

let plan: DeployPlan;
/** The same program for the production stage, which sst.config.ts protects. */
let productionPlan: DeployPlan;
let targets: AccessTargets;

/** The app's table: the one the Dynamo component "Table" (the link name) created. */
const appTable = (p: DeployPlan) =>
  only(
    resourcesOf(p, types.table).filter((t) => t.name === "TableTable"),
    "app table",
  );

/** One of the app's queues: the one the Queue component `name` created. */
const appQueue = (p: DeployPlan, name: string) =>
  only(
    resourcesOf(p, "aws:sqs/queue:Queue").filter((queue) => queue.name === `${name}Queue`),
    `${name} queue`,
  );

beforeAll(async () => {
  [plan, productionPlan] = await Promise.all([synthesize(), synthesize("production")]);
  const tableArn = String(appTable(plan).state.arn);
  targets = {
    tableArn,
    roomListIndexArn: `${tableArn}/index/${roomListIndex}`,
    connectionsArn: `${String(apiOf(plan, "WEBSOCKET").state.executionArn)}/*/*/@connections/*`,
    queueArns: Object.fromEntries(
      Object.keys(queueSubscribers).map((name) => [name, String(appQueue(plan, name).state.arn)]),
    ),
  };
}, 240_000);

/** A copy of the real plan with one change. */
const mutated = (change: (copy: DeployPlan) => void) => {
  const copy = structuredClone(plan);
  change(copy);
  return copy;
};

describe("the synthesis", () => {
  it("calls only the stubbed RPCs and mocked data sources, and reads the site's build from the fixture", () => {
    expect(plan.unknownCalls).toEqual([]);
    expect(new Set(plan.rpcCalls)).toEqual(new Set(stubbedRpcMethods));
    expect(plan.invokes.map((call) => call.token).filter((token) => !(token in invokeHandlers))).toEqual([]);
    expect(plan.siteFixtureReads).toEqual(
      expect.arrayContaining([".open-next/open-next.output.json", ".next/BUILD_ID", ".next/routes-manifest.json"]),
    );
  });

  it("an unknown data source or RPC throws and is recorded", () => {
    const mocks = new RecordingMocks();
    expect(() => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} })).toThrow(/no mock for the data source/);
    expect(mocks.unknownCalls).toEqual([{ kind: "invoke", name: "aws:ec2/getVpc:getVpc" }]);

    const rpc = new RpcStub({ projectRoot, artifactsDir: "/nonexistent", region: "us-east-1", accountId: "1" });
    expect(() => rpc.dispatch("Provider.Aws.Appsync", {})).toThrow(/no stub for the sst RPC/);
    expect(rpc.unknownCalls).toEqual([{ kind: "rpc", name: "Provider.Aws.Appsync" }]);
  });

  it("a route whose handler file is missing fails its build, as the real esbuild step does", () => {
    const rpc = new RpcStub({ projectRoot, artifactsDir: "/nonexistent", region: "us-east-1", accountId: "1" });
    const result = rpc.dispatch("Runtime.Build", {
      functionID: "Missing",
      handler: handlerPath("http", "no-such-file"),
      runtime,
    }) as { errors: string[] };
    expect(result.errors).toEqual([expect.stringMatching(/no-such-file/)]);
  });
});

describe("Lambda runtimes", () => {
  it(`every function (${appFunctionCount} of the app + ${siteFunctionCount} of the site) runs ${runtime}`, () => {
    expect(resourcesOf(plan, types.lambda)).toHaveLength(appFunctionCount + siteFunctionCount);
    expect(runtimeViolations(plan, runtime)).toEqual([]);
  });

  it("the check reports a function on nodejs20.x", () => {
    const bad = mutated((copy) => {
      resourcesOf(copy, types.lambda)[0]!.inputs.runtime = "nodejs20.x";
    });
    expect(runtimeViolations(bad, runtime)).toEqual([expect.stringMatching(/runs nodejs20\.x/)]);
  });
});

describe("IAM", () => {
  it('no statement grants a wildcard action or Resource "*" beyond the named exceptions', () => {
    expect(unexpectedWildcardGrants(plan)).toEqual([]);
    // The allow-list is exact: each exception is still needed.
    expect(unusedWildcardExceptions(plan)).toEqual([]);
    expect(allowedWildcardGrants).toHaveLength(1);
  });

  it("the check reports a dynamodb:* grant", () => {
    const bad = mutated((copy) => {
      const role = lambdas(copy).find((fn) => fn.handler === handlerPath("http", httpRoutes["POST /rooms"].file))!.role;
      const policy = (role.inputs.inlinePolicies as JsonObject[])[0]!;
      const document = JSON.parse(String(policy.policy)) as { Statement: unknown[] };
      document.Statement.push({ Effect: "Allow", Action: "dynamodb:*", Resource: targets.tableArn });
      policy.policy = JSON.stringify(document);
    });
    expect(wildcardGrants(bad).map((found) => found.what)).toContain("action dynamodb:*");
    expect(unexpectedWildcardGrants(bad)).toEqual([expect.stringMatching(/action dynamodb:\*/)]);
    expect(routeAccessViolations(bad, "http", httpRoutes, targets)).toEqual([expect.stringMatching(/POST \/rooms/)]);
  });

  it("each HTTP route's function may do exactly what routes.ts declares", () => {
    expect(routeAccessViolations(plan, "http", httpRoutes, targets)).toEqual([]);
  });

  it("each WebSocket route's function may do exactly what routes.ts declares", () => {
    expect(routeAccessViolations(plan, "ws", webSocketRoutes, targets)).toEqual([]);
  });

  it("each queue's subscriber may do exactly what routes.ts declares, and read its own queue", () => {
    expect(routeAccessViolations(plan, "queue", queueSubscribers, targets)).toEqual([]);
    expect(linkViolations(plan, "queue", queueSubscribers)).toEqual([]);
  });

  it("the check reports a sender that may not send to its queue", () => {
    const bad = mutated((copy) => {
      const role = lambdas(copy).find((fn) => fn.handler === handlerPath("ws", webSocketRoutes.$connect.file))!.role;
      const policy = (role.inputs.inlinePolicies as JsonObject[])[0]!;
      policy.policy = String(policy.policy).replace("sqs:SendMessage", "sqs:SendMessageBatch");
    });
    expect(routeAccessViolations(bad, "ws", webSocketRoutes, targets)).toEqual([expect.stringMatching(/\$connect/)]);
  });

  it("the $connect authorizer may touch neither the table nor the connections", () => {
    expect(routeAccessViolations(plan, "ws", { authorizer: connectAuthorizer }, targets)).toEqual([]);
    expect(linkViolations(plan, "ws", { authorizer: connectAuthorizer })).toEqual([]);
  });

  it("the check reports a grant on the whole table where routes.ts declares the index", () => {
    const bad = mutated((copy) => {
      const role = lambdas(copy).find((fn) => fn.handler === handlerPath("http", httpRoutes["GET /rooms"].file))!.role;
      const policy = (role.inputs.inlinePolicies as JsonObject[])[0]!;
      policy.policy = String(policy.policy).replace(`${targets.tableArn}/index/${roomListIndex}`, targets.tableArn);
    });
    expect(routeAccessViolations(bad, "http", httpRoutes, targets)).toEqual([expect.stringMatching(/GET \/rooms/)]);
  });

  it("the site's functions touch neither the app's table nor the WebSocket API", () => {
    const table = appTable(plan);
    expect(siteFunctionViolations(plan, routeHandlers, { table, connectionsArn: targets.connectionsArn })).toEqual([]);
  });
});

describe("links", () => {
  it("table routes get Table, chat routes get Chat, nothing else", () => {
    expect(linkViolations(plan, "http", httpRoutes)).toEqual([]);
    expect(linkViolations(plan, "ws", webSocketRoutes)).toEqual([]);
  });

  it("the site's functions are linked to nothing", () => {
    const site = lambdas(plan).filter((fn) => !routeHandlers.includes(fn.handler));
    expect(site).toHaveLength(siteFunctionCount);
    expect(site.map((fn) => fn.build.links)).toEqual(site.map(() => []));
  });
});

describe("routes and integrations", () => {
  const cases = [
    { kind: "http", protocol: "HTTP", routes: httpRoutes },
    { kind: "ws", protocol: "WEBSOCKET", routes: webSocketRoutes },
  ] as const;

  it.each(cases)("the $protocol API's routes are routes.ts's, each to its handler", ({ kind, protocol, routes }) => {
    const actual = routesOf(plan, apiOf(plan, protocol));
    expect(actual.map((route) => route.routeKey).sort()).toEqual(Object.keys(routes).sort());
    for (const { routeKey, integration, lambda } of actual) {
      const declared = routes[routeKey as keyof typeof routes] as { file: string };
      expect(integration.inputs.integrationType, routeKey).toBe("AWS_PROXY");
      if (protocol === "HTTP") expect(integration.inputs.payloadFormatVersion, routeKey).toBe("2.0");
      expect(lambda.handler, routeKey).toBe(handlerPath(kind, declared.file));
      expect(lambda.build.handler, routeKey).toBe(handlerPath(kind, declared.file));
    }
  });
});

describe("throttling", () => {
  it.each([
    ["HTTP", stageThrottling.http],
    ["WEBSOCKET", stageThrottling.ws],
  ] as const)("the %s API's stage throttles every route as routes.ts says", (protocol, limits) => {
    const api = apiOf(plan, protocol);
    const stage = only(
      resourcesOf(plan, "aws:apigatewayv2/stage:Stage").filter((s) => s.inputs.apiId === api.state.id),
      `${protocol} stage`,
    );
    expect(stage.inputs.defaultRouteSettings).toMatchObject(limits);
  });
});

describe("CORS", () => {
  it("the HTTP API answers browsers with routes.ts's rules, as the local emulator does", () => {
    const { maxAgeSeconds, ...rules } = httpApiCors;
    expect(apiOf(plan, "HTTP").inputs.corsConfiguration).toEqual({ ...rules, maxAge: maxAgeSeconds });
    expect(rules.exposeHeaders).toContain("retry-after");
  });
});

describe("the $connect authorizer", () => {
  const authorizerType = "aws:apigatewayv2/authorizer:Authorizer";

  it("is a Lambda REQUEST authorizer on routes.ts's identity sources, running the authorize handler", () => {
    const authorizer = only(resourcesOf(plan, authorizerType), "authorizer");
    expect(authorizer.inputs.apiId).toBe(apiOf(plan, "WEBSOCKET").id);
    expect(authorizer.inputs.authorizerType).toBe("REQUEST");
    expect(authorizer.inputs.identitySources).toEqual([...connectAuthorizer.identitySources]);
    const fn = only(
      lambdas(plan).filter((lambda) => lambda.resource.state.invokeArn === authorizer.inputs.authorizerUri),
      "authorizer function",
    );
    expect(fn.handler).toBe(handlerPath("ws", connectAuthorizer.file));
    // API Gateway may invoke it, for this authorizer only.
    const permission = only(
      resourcesOf(plan, "aws:lambda/permission:Permission").filter((p) => p.inputs.function === fn.resource.state.arn),
      "authorizer permission",
    );
    expect(permission.inputs).toMatchObject({
      action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com",
      sourceArn: `${String(apiOf(plan, "WEBSOCKET").state.executionArn)}/authorizers/${authorizer.id}`,
    });
  });

  it("guards $connect only: the other routes carry the context it gave", () => {
    const authorizer = only(resourcesOf(plan, authorizerType), "authorizer");
    const routes = routesOf(plan, apiOf(plan, "WEBSOCKET"));
    for (const { routeKey, route } of routes) {
      const expected =
        routeKey === "$connect"
          ? { authorizationType: "CUSTOM", authorizerId: authorizer.id }
          : { authorizationType: "NONE" };
      expect(route.inputs, routeKey).toMatchObject(expected);
    }
  });
});

describe("the queues", () => {
  it.each(Object.entries(queueSubscribers))(
    "%s feeds its subscriber as routes.ts says: batch, window, concurrency, partial failures, dead letters",
    (name, subscriber) => {
      const queue = appQueue(plan, name);
      expect(queue.inputs.visibilityTimeoutSeconds).toBe(subscriber.visibilityTimeoutSeconds);
      // What keeps failing goes to a dead-letter queue of its own that keeps it longest.
      const deadLetters = appQueue(plan, `${name}DeadLetters`);
      expect(JSON.parse(String(queue.inputs.redrivePolicy))).toEqual({
        deadLetterTargetArn: deadLetters.state.arn,
        maxReceiveCount: subscriber.maxReceiveCount,
      });
      expect(deadLetters.inputs.messageRetentionSeconds).toBe(14 * 24 * 3600);
      expect(deadLetters.inputs.redrivePolicy).toBeUndefined();
      // Messages as large as the local SQS takes (it keeps the same maximum).
      expect(queue.inputs.maxMessageSize).toBe(QUEUE_MAX_MESSAGE_BYTES);
      expect(deadLetters.inputs.maxMessageSize).toBe(QUEUE_MAX_MESSAGE_BYTES);
      // AWS refuses a mapping whose queue hides a record for less than the function may run.
      expect(subscriber.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(declaredSizing.queue.timeoutSeconds);
      const mapping = only(
        resourcesOf(plan, "aws:lambda/eventSourceMapping:EventSourceMapping").filter(
          (m) => m.inputs.eventSourceArn === queue.state.arn,
        ),
        `${name} event source mapping`,
      );
      const fn = only(
        lambdas(plan).filter((lambda) => lambda.handler === handlerPath("queue", subscriber.file)),
        `${name} subscriber`,
      );
      expect(mapping.inputs.functionName).toBe(String(fn.resource.state.name ?? fn.resource.inputs.name));
      expect(mapping.inputs).toMatchObject({
        batchSize: subscriber.batchSize,
        maximumBatchingWindowInSeconds: subscriber.batchingWindowSeconds,
        functionResponseTypes: ["ReportBatchItemFailures"],
        scalingConfig: { maximumConcurrency: subscriber.maxConcurrency },
      });
    },
  );
});

describe("the table", () => {
  it("has the keys, index, TTL and billing of table-schema.ts", () => {
    const table = appTable(plan).inputs;
    const attributeType = { string: "S", number: "N", binary: "B" } as const;
    expect(table.hashKey).toBe(tableSchema.primaryIndex.hashKey);
    expect(table.rangeKey).toBe(tableSchema.primaryIndex.rangeKey);
    expect(table.attributes).toEqual(
      Object.entries(tableSchema.fields).map(([name, type]) => ({ name, type: attributeType[type] })),
    );
    expect(table.globalSecondaryIndexes).toEqual(
      Object.entries(tableSchema.globalIndexes).map(([name, index]) => ({
        name,
        hashKey: index.hashKey,
        rangeKey: index.rangeKey,
        projectionType: "ALL",
      })),
    );
    expect(table.ttl).toEqual({ attributeName: tableSchema.ttl, enabled: true });
    expect(table.billingMode).toBe("PAY_PER_REQUEST");
  });
});

describe("the production stage", () => {
  const tableOptions = (p: DeployPlan) => p.options[`${types.table}::${appTable(p).name}`];

  it("is protected (sst remove refuses it) and keeps its table if it is removed all the same", () => {
    expect(productionPlan.stage).toBe("production");
    expect(productionPlan.protectedStage).toBe(true);
    expect(tableOptions(productionPlan)).toEqual({ retainOnDelete: true, protect: false });
    // Nor can the console or the CLI delete it.
    expect(appTable(productionPlan).inputs.deletionProtectionEnabled).toBe(true);
  });

  it("differs from a developer's stage in that only: the same kinds of resource, the same functions", () => {
    expect(plan.protectedStage).toBe(false);
    expect(tableOptions(plan)).toEqual({ retainOnDelete: false, protect: false });
    expect(appTable(plan).inputs.deletionProtectionEnabled).toBe(false);
    // Names may differ: SST hashes the stage into a queue subscriber's.
    const kinds = (p: DeployPlan) => p.resources.map((resource) => resource.type).sort();
    expect(kinds(productionPlan)).toEqual(kinds(plan));
    const handlers = (p: DeployPlan) => p.builds.map((build) => build.handler).sort();
    expect(handlers(productionPlan)).toEqual(handlers(plan));
  });

  it("like every stage, can restore its table to any second of the last 35 days (SST's default)", () => {
    for (const p of [plan, productionPlan]) {
      expect(appTable(p).inputs.pointInTimeRecovery).toEqual({ enabled: true });
    }
  });
});

describe("function sizing", () => {
  const seconds = (duration: string) => Number(/^(\d+) seconds?$/.exec(duration)![1]);
  const megabytes = (size: string) => Number(/^(\d+) MB$/.exec(size)![1]);

  it.each([
    ["http", httpRoutes],
    ["ws", { ...webSocketRoutes, authorizer: connectAuthorizer }],
    ["queue", queueSubscribers],
  ] as const)("%s functions have infra/settings.ts's timeout and memory", (kind, routes) => {
    const sizing = functionSizing[kind];
    for (const route of Object.values(routes)) {
      const fn = only(
        lambdas(plan).filter((candidate) => candidate.handler === handlerPath(kind, route.file)),
        route.file,
      );
      expect({
        file: route.file,
        timeout: fn.resource.inputs.timeout,
        memorySize: fn.resource.inputs.memorySize,
      }).toEqual({
        file: route.file,
        timeout: seconds(sizing.timeout),
        memorySize: megabytes(sizing.memory),
      });
    }
  });
});

describe("WebSocket timeouts", () => {
  it("every WebSocket function stops before API Gateway gives up on its frame and answers with its error", () => {
    const routes = routesOf(plan, apiOf(plan, "WEBSOCKET"));
    expect(routes.length).toBeGreaterThan(0);
    for (const { routeKey, integration, lambda } of routes) {
      // Unset, API Gateway's WebSocket integrations wait 29 s.
      const gatewayWaitsMs = Number(integration.inputs.timeoutMilliseconds ?? 29_000);
      expect({ routeKey, gatewayWaitsMs }).toEqual({ routeKey, gatewayWaitsMs: MAX_FRAME_ANSWER_SECONDS * 1000 });
      expect(Number(lambda.resource.inputs.timeout) * 1000, routeKey).toBeLessThan(gatewayWaitsMs);
    }
  });
});

describe("cost at rest", () => {
  // Types billed only per request, per invocation or per GB stored, or not at
  // all: a stage with no traffic costs its storage. A new type (a NAT gateway,
  // provisioned capacity, a VPC endpoint...) must be added here knowingly.
  const billedOnlyByUseOrStorage = new Set([
    "aws:apigateway/account:Account",
    "aws:apigatewayv2/api:Api",
    "aws:apigatewayv2/authorizer:Authorizer",
    "aws:apigatewayv2/integration:Integration",
    "aws:apigatewayv2/route:Route",
    "aws:apigatewayv2/stage:Stage",
    "aws:cloudfront/cachePolicy:CachePolicy",
    "aws:cloudfront/distribution:Distribution",
    "aws:cloudfront/function:Function",
    "aws:cloudfront/keyValueStore:KeyValueStore",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:dynamodb/table:Table",
    "aws:iam/role:Role",
    "aws:lambda/eventSourceMapping:EventSourceMapping",
    "aws:lambda/function:Function",
    "aws:lambda/functionUrl:FunctionUrl",
    "aws:lambda/invocation:Invocation",
    "aws:lambda/permission:Permission",
    "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
    "aws:s3/bucketObjectv2:BucketObjectv2",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketV2:BucketV2",
    "aws:sqs/queue:Queue",
  ]);

  it("creates no AWS resource billed by the hour", () => {
    const awsTypes = new Set(plan.resources.map((r) => r.type).filter((type) => type.startsWith("aws:")));
    expect([...awsTypes].filter((type) => !billedOnlyByUseOrStorage.has(type))).toEqual([]);
  });

  it("every DynamoDB table is on-demand and every log group expires what it keeps", () => {
    for (const table of resourcesOf(plan, "aws:dynamodb/table:Table")) {
      expect({ table: table.name, billingMode: table.inputs.billingMode }).toEqual({
        table: table.name,
        billingMode: "PAY_PER_REQUEST",
      });
    }
    for (const group of resourcesOf(plan, "aws:cloudwatch/logGroup:LogGroup")) {
      expect(group.inputs.retentionInDays, group.name).toBeGreaterThan(0);
    }
  });
});
