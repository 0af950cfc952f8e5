// The local runtime as a library: API Gateway's WebSocket API in front of any
// Lambda handlers (each function in execution environments of its
// own, as Lambda runs it), and DynamoDB Local. For trying a peer's handlers, or
// a new feature's, before they are wired into routes.ts. README.md has an example.
import { resolve } from "node:path";
import { LOCAL_REGION, localCredentials } from "./aws-env";
import { deferred } from "./deferred";
import { type FunctionDefinition, type FunctionRuntime, type LambdaFunction, startFunctions } from "./lambda";
import type { StageThrottling } from "./stage-throttle";
import { makeLocalCertificate } from "./tls-port";
import type { ConnectAuthorizer } from "./ws-authorizer";
import { startWebSocketEmulator, type WebSocketEmulator } from "./ws-emulator";

export { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";
export type { FunctionDefinition, FunctionRuntime, LambdaFunction } from "./lambda";
export { startFunctions } from "./lambda";
export type { StageThrottling } from "./stage-throttle";

/**
 * A route's function: Lambda's handler setting (`path/to/file.exportName`,
 * relative to the working directory, extension optional; TypeScript or
 * JavaScript, ESM or CommonJS) or that with its sizing.
 */
export type RouteHandler = string | { handler: string; timeoutSeconds?: number; memoryMb?: number };

/** Where the API listens, for the functions' environment. */
export interface ApiAddress {
  url: string;
  /** The @connections endpoint (plain HTTP; the same port also speaks TLS). */
  managementEndpoint: string;
}

export interface ApiOptions {
  /** 0 (the default) picks a free port on 127.0.0.1. */
  port?: number;
  /** Route key → function: `$connect`, `$disconnect`, `$default` and actions (the frame's `action`). */
  routes: Record<string, RouteHandler>;
  /**
   * A Lambda REQUEST authorizer on `$connect`, with its identity sources
   * (`route.request.header.<Name>`, `route.request.querystring.<name>`): its
   * policy decides the handshake (401, 403), its context reaches every event.
   */
  authorizer?: { handler: RouteHandler; identitySources: string[] };
  /**
   * SST links, as `Resource.<Name>` reads them (each value goes in SST_RESOURCE_<Name>),
   * and plain environment variables; either may depend on the API's own address.
   */
  links?: Record<string, Record<string, unknown>> | ((api: ApiAddress) => Record<string, Record<string, unknown>>);
  environment?: Record<string, string> | ((api: ApiAddress) => Record<string, string>);
  /** A DynamoDB (Local) the functions' SDK clients reach without naming it. */
  dynamoEndpoint?: string;
  /** Concurrency, preload modules, logging (FunctionRuntime). */
  runtime?: Omit<FunctionRuntime, "mode">;
}

export interface LocalApi extends ApiAddress {
  port: number;
  stop(): Promise<void>;
}

const DEFAULT_TIMEOUT_SECONDS = 30;
/** The authorizer's function name: API Gateway reserves route keys that start with `$`. */
const AUTHORIZER = "$authorizer";

/** `src/send.handler` → the module `<cwd>/src/send` and its export `handler`. */
function definitionOf(name: string, route: RouteHandler, environment: Record<string, string>): FunctionDefinition {
  const { handler, timeoutSeconds, memoryMb } = typeof route === "string" ? { handler: route } : route;
  const dot = handler.lastIndexOf(".");
  if (dot <= 0 || handler.slice(dot).includes("/")) {
    throw new Error(`route ${name}: "${handler}" is not a handler setting such as "src/send.handler"`);
  }
  return {
    name,
    module: resolve(handler.slice(0, dot)),
    exportName: handler.slice(dot + 1),
    timeoutMs: (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    memoryMb,
    environment,
  };
}

/** What every function gets: the local region and credentials (the emulators check signatures), links, variables. */
function functionEnvironment(options: ApiOptions, address: ApiAddress): Record<string, string> {
  const links = typeof options.links === "function" ? options.links(address) : (options.links ?? {});
  const variables = typeof options.environment === "function" ? options.environment(address) : options.environment;
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
    ...(options.dynamoEndpoint && { AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint }),
    ...Object.fromEntries(
      Object.entries(links).map(([name, value]) => [`SST_RESOURCE_${name}`, JSON.stringify(value)]),
    ),
    ...variables,
  };
}

/**
 * An API Gateway WebSocket API on 127.0.0.1 in front of the given handlers,
 * with its @connections endpoint on the same port over HTTP and TLS: a handler
 * that posts to `https://${domainName}/${stage}` reaches it. The emulator
 * listens first (so the functions' environment can name its address), then the
 * functions start; handshakes wait until they are ready.
 */
export async function startWebSocketApi(
  options: ApiOptions & {
    idleTimeoutSeconds?: number;
    maxConnectionSeconds?: number;
    /** The stage's route throttling, as SST's `defaultRouteSettings` takes it; none if absent. */
    throttling?: StageThrottling;
  },
): Promise<LocalApi & { emulator: WebSocketEmulator }> {
  const certificate = await makeLocalCertificate();
  const handlers = deferred<Record<string, LambdaFunction>>();
  const authorizer = deferred<ConnectAuthorizer | undefined>();
  const emulator = await startWebSocketEmulator({
    port: options.port ?? 0,
    handlers: handlers.promise,
    authorizer: authorizer.promise,
    certificate,
    idleTimeoutSeconds: options.idleTimeoutSeconds,
    maxConnectionSeconds: options.maxConnectionSeconds,
    throttling: options.throttling,
  });
  const address = { url: emulator.url, managementEndpoint: emulator.managementEndpoint };
  try {
    const environment = functionEnvironment(options, address);
    const routes = Object.entries(options.routes);
    const functions = [...routes, ...(options.authorizer ? [[AUTHORIZER, options.authorizer.handler] as const] : [])];
    const running = await startFunctions(
      functions.map(([name, route]) => definitionOf(name, route, environment)),
      { ...options.runtime, trustedCertificates: [certificate.cert, ...(options.runtime?.trustedCertificates ?? [])] },
    );
    handlers.resolve(Object.fromEntries(routes.map(([routeKey]) => [routeKey, running.byName[routeKey]!])));
    authorizer.resolve(
      options.authorizer && {
        function: running.byName[AUTHORIZER]!,
        identitySources: options.authorizer.identitySources,
      },
    );
    return {
      ...address,
      port: Number(new URL(emulator.url).port),
      emulator,
      async stop() {
        await emulator.stop();
        await running.stop();
      },
    };
  } catch (error) {
    handlers.reject(error);
    authorizer.reject(error);
    await emulator.stop();
    throw error;
  }
}
