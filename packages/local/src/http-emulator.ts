import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { httpApiCors } from "@chat/functions/routes";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { HANDLER_BODY_BYTES } from "./body-limits";
import { clientAddress, gatewayHeaders } from "./gateway-headers";
import { decodePathSegment, joinedRecord, readBodyPrefix, requestUrl } from "./http-body";
import { asGatewayWaits, HTTP_INTEGRATION_TIMEOUT_MS, IntegrationTimedOut } from "./integration-timeout";
import { MAX_EVENT_BYTES, RequestTooLarge } from "./invocation";
import type { LambdaFunction } from "./lambda";
import { listen } from "./ports";
import { routeThrottle, type StageThrottling, TOO_MANY_REQUESTS_BODY } from "./stage-throttle";

// API Gateway HTTP API's own limit on a request body.
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const TOO_LARGE_BODY = '{"message":"Request Entity Too Large"}';
// API Gateway's answer when a handler fails or returns what it cannot send; no details.
const INTERNAL_ERROR_BODY = '{"message":"Internal Server Error"}';
// API Gateway's answer when the integration did not answer within its timeout.
const SERVICE_UNAVAILABLE_BODY = '{"message":"Service Unavailable"}';

interface CompiledRoute {
  routeKey: string;
  method: string;
  pattern: RegExp;
  parameterNames: string[];
}

/** "GET /rooms/{roomId}" -> a matcher with its path parameters. */
function compileRoute(routeKey: string): CompiledRoute {
  const [method, path] = routeKey.split(" ") as [string, string];
  const parameterNames: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    parameterNames.push(name);
    return "([^/]+)";
  });
  return { routeKey, method, pattern: new RegExp(`^${source}$`), parameterNames };
}

const isTextual = (contentType: string | undefined) =>
  !contentType || /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript))/i.test(contentType);

// As API Gateway answers with infra/api.ts's CORS rules.
const ALLOW_ORIGIN = httpApiCors.allowOrigins.join(",");

function corsHeaders(request: IncomingMessage): Record<string, string> {
  return request.headers.origin
    ? {
        "access-control-allow-origin": ALLOW_ORIGIN,
        "access-control-expose-headers": httpApiCors.exposeHeaders.join(","),
      }
    : {};
}

type HttpHandlers = Record<string, Pick<LambdaFunction, "invoke">>;

export interface HttpEmulator {
  url: string;
  /** The most body bytes the emulator has held in memory for any one request. */
  readonly peakBodyBytes: number;
  stop(): Promise<void>;
}

/**
 * An API Gateway HTTP API (payload format 2.0) in front of the handlers:
 * route matching with path parameters, a $default route, CORS as
 * infra/api.ts configures it, and API Gateway's answers for handler failures.
 */
export async function startHttpEmulator(options: {
  /** 0 picks a free port; `url` says which. */
  port: number;
  /**
   * May still be loading (a promise): the server can listen first, so a caller that
   * asked for port 0 learns its URL before the handlers (which read it) are imported.
   * Requests wait for them.
   */
  handlers: HttpHandlers | Promise<HttpHandlers>;
  /** The most body bytes each route's handler reads (default: HANDLER_BODY_BYTES). */
  bodyBytes?: Readonly<Record<string, number>>;
  /** How long a route is waited for (default API Gateway's 30 s); then 503. */
  integrationTimeoutMs?: number;
  /** The stage's route throttling (none if absent); a request past it gets 429. */
  throttling?: StageThrottling;
}): Promise<HttpEmulator> {
  let handlers: HttpHandlers = {};
  let routes: ReturnType<typeof compileRoute>[] = [];
  const loaded = Promise.resolve(options.handlers).then((resolved) => {
    handlers = resolved;
    routes = Object.keys(resolved)
      .filter((key) => key !== "$default")
      .map(compileRoute);
  });
  // Failing to load is the caller's to report (it awaits the same promise).
  loaded.catch(() => undefined);
  const bodyBytes = options.bodyBytes ?? HANDLER_BODY_BYTES;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? HTTP_INTEGRATION_TIMEOUT_MS;
  let peakBodyBytes = 0;
  const admit = routeThrottle(options.throttling);

  /** How many body bytes to keep for a route: 0 for GET routes and $default, whose handlers read none. */
  function bytesToKeep(routeKey: string, method: string) {
    const limit = bodyBytes[routeKey];
    if (limit !== undefined) return limit + 1; // one more: the handler sees the body is too large
    if (routeKey === "$default" || method === "GET" || method === "HEAD") return 0;
    return MAX_REQUEST_BYTES;
  }

  function match(method: string, path: string) {
    for (const route of routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const pathParameters = Object.fromEntries(
        route.parameterNames.map((name, index) => [name, decodePathSegment(found[index + 1]!)]),
      );
      return { routeKey: route.routeKey, pathParameters };
    }
    return { routeKey: "$default", pathParameters: undefined };
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = requestUrl(request);
    const method = request.method ?? "GET";
    const send = (status: number, headers: Record<string, string>, body?: string | Buffer) => {
      response.writeHead(status, { ...corsHeaders(request), ...headers });
      response.end(body);
    };
    if (method === "OPTIONS" && request.headers["access-control-request-method"]) {
      return send(204, {
        "access-control-allow-origin": ALLOW_ORIGIN,
        "access-control-allow-methods": httpApiCors.allowMethods.join(","),
        "access-control-allow-headers": httpApiCors.allowHeaders.join(","),
        "access-control-max-age": String(httpApiCors.maxAgeSeconds),
      });
    }
    await loaded;
    // Routed first, so a body is read only as far as its handler will look at it.
    const { routeKey, pathParameters } = match(method, url.pathname);
    if (!admit(routeKey)) {
      request.resume();
      return send(429, { "content-type": "application/json" }, TOO_MANY_REQUESTS_BODY);
    }
    const tooLarge = () => {
      // The rest of the body is discarded, not buffered; the connection closes after this answer.
      request.resume();
      response.shouldKeepAlive = false;
      send(413, { "content-type": "application/json" }, TOO_LARGE_BODY);
    };
    if (Number(request.headers["content-length"]) > MAX_REQUEST_BYTES) return tooLarge();
    const keep = bytesToKeep(routeKey, method);
    const { kept: body, received, tooLarge: overGatewayLimit } = await readBodyPrefix(request, keep, MAX_REQUEST_BYTES);
    peakBodyBytes = Math.max(peakBodyBytes, body.length);
    if (overGatewayLimit) return tooLarge();
    // A body the event carries takes at least its own size in it: past Lambda's quota on its own,
    // Lambda would refuse the event, also where only the body's start is kept here.
    if (keep > 0 && received > MAX_EVENT_BYTES) return tooLarge();
    const event = toEvent(request, url, routeKey, pathParameters, body);
    let result: unknown;
    try {
      result = await asGatewayWaits(handlers[routeKey]!.invoke(event), integrationTimeoutMs);
    } catch (error) {
      // Lambda refused the event as too large: API Gateway answers as for a body past its own limit.
      if (error instanceof RequestTooLarge) return tooLarge();
      if (error instanceof IntegrationTimedOut) {
        console.error(`[api] ${routeKey} timed out: ${error.message}`);
        return send(503, { "content-type": "application/json" }, SERVICE_UNAVAILABLE_BODY);
      }
      console.error(`[api] ${routeKey} failed`, error);
      return send(500, { "content-type": "application/json" }, INTERNAL_ERROR_BODY);
    }
    const structured = toStructuredResult(result);
    if (!isStatusCode(structured.statusCode ?? 200)) {
      console.error(`[api] ${routeKey} returned a malformed response (statusCode)`);
      return send(500, { "content-type": "application/json" }, INTERNAL_ERROR_BODY);
    }
    const headers = Object.fromEntries(
      Object.entries(structured.headers ?? {}).map(([key, value]) => [key, String(value)]),
    );
    const payload = structured.isBase64Encoded ? Buffer.from(structured.body ?? "", "base64") : (structured.body ?? "");
    send(structured.statusCode ?? 200, headers, payload);
  }

  // API Gateway takes request lines and headers well past Node's 16 KiB default.
  const server: Server = createServer({ maxHeaderSize: 64 * 1024 }, (request, response) => {
    handle(request, response).catch((error) => {
      console.error("[api] emulator error", error);
      // Same bare answer as a failed handler: what went wrong stays in the log.
      if (!response.headersSent)
        response.writeHead(500, { "content-type": "application/json" }).end(INTERNAL_ERROR_BODY);
      else response.end();
    });
  });
  const port = await listen(server, options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    get peakBodyBytes() {
      return peakBodyBytes;
    },
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** A status API Gateway can send: an integer from 100 to 599. */
export const isStatusCode = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599;

/** Payload format 2.0 infers a response from a bare value the way API Gateway does. */
function toStructuredResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof result === "object" && result !== null && "statusCode" in result) {
    return result as APIGatewayProxyStructuredResultV2;
  }
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: typeof result === "string" ? result : JSON.stringify(result ?? null),
  };
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const sourceIp = clientAddress(request);
  // With those API Gateway adds in front of the handler (lowercased, as HTTP APIs give headers).
  const headers = joinedRecord([
    ...Object.entries(request.headersDistinct).flatMap(([name, values]) =>
      (values ?? []).map((value) => [name, value] as const),
    ),
    ...gatewayHeaders(request, sourceIp).map(([name, value]) => [name.toLowerCase(), value] as const),
  ]);
  const query = joinedRecord(url.searchParams);
  // Text goes to the handler as a string; binary, or text that is not UTF-8, as base64.
  const textual = isTextual(headers["content-type"]) && isUtf8(body);
  const now = new Date();
  return {
    version: "2.0",
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: headers.cookie?.split("; "),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "local",
      http: {
        method: request.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (textual ? body.toString("utf8") : body.toString("base64")) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
  };
}
