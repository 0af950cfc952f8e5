import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import type { ManagementRequest, ManagementResponse, ManagementTransport } from "./management-transport";

// A fan-out posts the same frame to hundreds of connections, and the SDK's
// PostToConnectionCommand spends most of each post's CPU in its per-call
// middleware (schema serialization, endpoint resolution, user agent, retry
// bookkeeping): about five times what building, signing and sending the same
// request costs (bench/README.md). A post is one small request, so it is made
// here directly, from the client's own resolved configuration: its endpoint,
// its SigV4 signer (service, region, credentials, path escaping), its
// transport and its retry limit; test/connection-post.test.ts holds the request
// equal to the SDK's. Other calls (DeleteConnection) still go through the SDK.

/** An error answer of the @connections API, shaped as the SDK's service exceptions are. */
export class ManagementApiError extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: { httpStatusCode: number; attempts: number };

  constructor(name: string, message: string, httpStatusCode: number, attempts: number) {
    super(message);
    this.name = name;
    this.$fault = httpStatusCode >= 500 ? "server" : "client";
    this.$metadata = { httpStatusCode, attempts };
  }
}

type Signer = { sign(request: ManagementRequest): Promise<ManagementRequest> };
type ClientConfig = ApiGatewayManagementApiClient["config"];

interface PostSetup {
  endpoint: { protocol: string; hostname: string; port?: number; path: string };
  signer: Signer;
  maxAttempts: number;
}

const setups = new WeakMap<ClientConfig, Promise<PostSetup>>();

async function resolveSetup(config: ClientConfig): Promise<PostSetup> {
  const [endpoint, signer, maxAttempts] = await Promise.all([
    config.endpoint!(),
    (config as unknown as { signer: (scheme: object) => Promise<Signer> }).signer({ name: "sigv4", properties: {} }),
    config.maxAttempts(),
  ]);
  return { endpoint: { ...endpoint, path: endpoint.path.replace(/\/$/, "") }, signer, maxAttempts };
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

async function bodyBytes(config: ClientConfig, response: ManagementResponse): Promise<Uint8Array> {
  const body = response.body as unknown;
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  // A stream (the Node transport's): read to its end, which also frees the socket for the next call.
  return config.streamCollector(body);
}

function errorOf(response: ManagementResponse, body: Uint8Array, attempts: number) {
  const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === "x-amzn-errortype")?.[1];
  let message = "";
  try {
    const parsed = JSON.parse(Buffer.from(body).toString("utf8")) as { message?: unknown; Message?: unknown };
    message = String(parsed.message ?? parsed.Message ?? "");
  } catch {
    message = Buffer.from(body).toString("utf8");
  }
  const name = header?.split(":")[0] || `HttpStatus${response.statusCode}`;
  return new ManagementApiError(name, message || name, response.statusCode, attempts);
}

// What the SDK's standard retry strategy retries: throttling, server errors and dropped connections.
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
const RETRIED_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);
const isTransportFailure = (error: unknown) =>
  error instanceof Error &&
  (error.name === "TimeoutError" || RETRIED_ERROR_CODES.has((error as { code?: string }).code ?? ""));

// The SDK's backoff: full jitter over 2^attempt × 100 ms (500 ms after throttling), at most 20 s.
const backoffMs = (attempt: number, throttled: boolean) =>
  Math.floor(Math.min(20_000, Math.random() * 2 ** attempt * (throttled ? 500 : 100)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts `data` to one connection; "gone" when it no longer exists (410). */
export async function postToConnection(
  client: ApiGatewayManagementApiClient,
  connectionId: string,
  data: Uint8Array,
): Promise<"sent" | "gone"> {
  const { config } = client;
  const { endpoint, signer, maxAttempts } = await setupFor(config);
  for (let attempt = 1; ; attempt++) {
    const signed = await signer.sign(postRequest(endpoint, connectionId, data));
    let response: ManagementResponse;
    try {
      ({ response } = await (config.requestHandler as ManagementTransport).handle(signed));
    } catch (error) {
      if (attempt < maxAttempts && isTransportFailure(error)) {
        await sleep(backoffMs(attempt, false));
        continue;
      }
      throw error;
    }
    const body = await bodyBytes(config, response);
    if (response.statusCode >= 200 && response.statusCode < 300) return "sent";
    if (response.statusCode === 410) return "gone";
    if (attempt < maxAttempts && RETRIED_STATUSES.has(response.statusCode)) {
      await sleep(backoffMs(attempt, response.statusCode === 429));
      continue;
    }
    throw errorOf(response, body, attempt);
  }
}
