import { setTimeout as sleep } from "node:timers/promises";
import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { recursionDetectionMiddleware } from "@aws-sdk/core/client";
import { getRetryAfterHint } from "@smithy/core/retry";
import type { RetryStrategyV2, RetryToken } from "@smithy/types";
import { bodyBytes, errorOf, retryErrorType, sampleServerClock } from "./management-answers";
import type { ManagementRequest, ManagementResponse, ManagementTransport } from "./management-transport";

// A fan-out posts the same frame to hundreds of connections, and the SDK's
// PostToConnectionCommand spends most of each post's CPU in its per-call
// middleware (schema serialization, endpoint resolution, user agent, retry
// bookkeeping): about five times what building, signing and sending the same
// request costs (bench/README.md). A post is one small request, so it is made
// here directly, from the client's own resolved configuration: its endpoint,
// its SigV4 signer (service, region, credentials, path escaping) with its clock
// offset, its transport and its retry strategy (attempts, backoff, the retry
// quota shared with its other calls), classifying failures with the SDK's own
// functions (management-answers.ts). test/connection-post.test.ts holds the
// request and the answers to the SDK's. Other calls (DeleteConnection) still go through the SDK.

type Signer = { sign(request: ManagementRequest, options: { signingDate: Date }): Promise<ManagementRequest> };
type ClientConfig = ApiGatewayManagementApiClient["config"];

interface PostSetup {
  endpoint: { protocol: string; hostname: string; port?: number; path: string };
  signer: Signer;
  retryStrategy: RetryStrategyV2;
}

const setups = new WeakMap<ClientConfig, Promise<PostSetup>>();

// The SDK's own step that gives a request sent from a Lambda function the invocation's trace
// headers (X-Amzn-Trace-Id, and W3C traceparent when the runtime has one), in place.
const addTraceHeaders = recursionDetectionMiddleware()(async () => ({ output: {}, response: {} }), {});

async function resolveSetup(config: ClientConfig): Promise<PostSetup> {
  const [endpoint, signer, retryStrategy] = await Promise.all([
    config.endpoint!(),
    (config as unknown as { signer: (scheme: object) => Promise<Signer> }).signer({ name: "sigv4", properties: {} }),
    config.retryStrategy() as Promise<RetryStrategyV2>,
  ]);
  return { endpoint: { ...endpoint, path: endpoint.path.replace(/\/$/, "") }, signer, retryStrategy };
}

const setupFor = (config: ClientConfig) => {
  let setup = setups.get(config);
  if (!setup) {
    setup = resolveSetup(config);
    setups.set(config, setup);
  }
  return setup;
};

// As the SDK escapes a path label: encodeURIComponent, and RFC 3986's reserved !'()* too.
const escapeLabel = (label: string) =>
  encodeURIComponent(label).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The request the SDK's PostToConnectionCommand makes, before signing. */
export function postRequest(
  endpoint: PostSetup["endpoint"],
  connectionId: string,
  data: Uint8Array,
): ManagementRequest {
  const host = endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${endpoint.port}`;
  return {
    method: "POST",
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(endpoint.port !== undefined && { port: endpoint.port }),
    path: `${endpoint.path}/@connections/${escapeLabel(connectionId)}`,
    query: {},
    headers: { "content-type": "application/octet-stream", "content-length": String(data.byteLength), host },
    body: data,
  } as ManagementRequest;
}

type Attempt = { result: "sent" | "gone" } | { error: unknown; retryAfterHint?: Date };

async function attemptPost(config: ClientConfig, setup: PostSetup, connectionId: string, data: Uint8Array) {
  const sentAt = Date.now();
  const request = postRequest(setup.endpoint, connectionId, data);
  await addTraceHeaders({ input: {}, request });
  const signed = await setup.signer.sign(request, { signingDate: new Date(sentAt + (config.systemClockOffset ?? 0)) });
  let response: ManagementResponse;
  try {
    ({ response } = await (config.requestHandler as ManagementTransport).handle(signed));
  } catch (error) {
    return { error } satisfies Attempt;
  }
  const body = await bodyBytes(config, response);
  const { statusCode } = response;
  const result = statusCode >= 200 && statusCode < 300 ? "sent" : statusCode === 410 ? "gone" : undefined;
  if (result) {
    sampleServerClock(config, response, sentAt);
    return { result } satisfies Attempt;
  }
  const error = errorOf(response, body);
  sampleServerClock(config, response, sentAt, error);
  const retryAfterHint = getRetryAfterHint(response);
  return { error, ...(retryAfterHint && { retryAfterHint }) } satisfies Attempt;
}

/** Posts `data` to one connection; "gone" when it no longer exists (410). */
export async function postToConnection(
  client: ApiGatewayManagementApiClient,
  connectionId: string,
  data: Uint8Array,
): Promise<"sent" | "gone"> {
  const { config } = client;
  const setup = await setupFor(config);
  let token: RetryToken = await setup.retryStrategy.acquireInitialRetryToken("");
  for (let attempts = 1; ; attempts++) {
    const attempt: Attempt = await attemptPost(config, setup, connectionId, data);
    if ("result" in attempt) {
      if (attempt.result === "sent") setup.retryStrategy.recordSuccess(token);
      return attempt.result;
    }
    const { error, retryAfterHint } = attempt;
    try {
      token = await setup.retryStrategy.refreshRetryTokenForRetry(token, {
        errorType: retryErrorType(error),
        ...(retryAfterHint && { retryAfterHint }),
      });
    } catch {
      // No retry left (attempts, quota) or none called for: the attempt's own error, as the SDK throws it.
      if (error && typeof error === "object") {
        const failed = error as { $metadata?: object };
        failed.$metadata = { ...failed.$metadata, attempts };
      }
      throw error;
    }
    const delay = token.getRetryDelay();
    if (delay > 0) await sleep(delay);
  }
}
