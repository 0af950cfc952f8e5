import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyWebsocketEventV2 } from "aws-lambda";
import { gatewayHeaders } from "./gateway-headers";
import { joinedRecord, multiValueRecord, requestUrl } from "./http-body";

/** What the emulator knows of a connection, as API Gateway would. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  /** null when the handshake sent no User-Agent, as API Gateway reports it. */
  userAgent: string | null;
  domainName: string;
  /** What the $connect authorizer allowed the connection with: every later event carries it. */
  authorizer?: Record<string, unknown>;
}

/** API Gateway's connection, request and message ids look like "L0SM9cOFvHcCIhw=". */
const newGatewayId = () => `${randomBytes(11).toString("base64url")}=`;
export const newConnectionId = newGatewayId;

/** An API id as API Gateway makes them (10 lowercase letters and digits), one per runtime. */
export const API_ID = Array.from(randomBytes(10), (byte) => "abcdefghijklmnopqrstuvwxyz0123456789"[byte % 36]).join("");

/** SST creates the WebSocket API's stage as `$default`. */
export const STAGE = "$default";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const twoDigits = (value: number) => String(value).padStart(2, "0");

/** API Gateway's requestTime: `27/Nov/2026:08:58:28 +0000`. */
export const gatewayTime = (date: Date) =>
  `${twoDigits(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
  `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())} +0000`;

function requestContext(connection: ConnectionInfo, routeKey: string, eventType: "CONNECT" | "MESSAGE" | "DISCONNECT") {
  const now = new Date();
  const requestId = newGatewayId();
  return {
    routeKey,
    eventType,
    messageDirection: "IN" as const,
    extendedRequestId: requestId,
    requestId,
    requestTime: gatewayTime(now),
    requestTimeEpoch: now.getTime(),
    stage: STAGE,
    apiId: API_ID,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    connectedAt: connection.connectedAt,
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    ...(connection.authorizer && { authorizer: connection.authorizer }),
  };
}

/** The handshake's headers, with those API Gateway adds in front of it. */
function headersOf(request: IncomingMessage, connection: ConnectionInfo) {
  const pairs: [string, string][] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    pairs.push([request.rawHeaders[index]!, request.rawHeaders[index + 1]!]);
  }
  pairs.push(...gatewayHeaders(request, connection.sourceIp));
  return { headers: joinedRecord(pairs), multiValueHeaders: multiValueRecord(pairs) };
}

/** The $connect event, with the handshake's headers and query string. */
export function connectEvent(connection: ConnectionInfo, request: IncomingMessage) {
  const url = requestUrl(request);
  // API Gateway keeps the last value of a repeated query parameter.
  const query = Object.fromEntries(url.searchParams);
  const multiValueQuery = multiValueRecord(url.searchParams);
  const hasQuery = Object.keys(query).length > 0;
  return {
    ...headersOf(request, connection),
    queryStringParameters: hasQuery ? query : undefined,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : undefined,
    requestContext: { ...requestContext(connection, "$connect", "CONNECT"), messageId: null },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyWebsocketEventV2;
}

export function messageEvent(
  connection: ConnectionInfo,
  routeKey: string,
  body: string,
  isBase64Encoded: boolean,
): APIGatewayProxyWebsocketEventV2 {
  return {
    requestContext: { ...requestContext(connection, routeKey, "MESSAGE"), messageId: newGatewayId() },
    body,
    isBase64Encoded,
  } as APIGatewayProxyWebsocketEventV2;
}

export function disconnectEvent(connection: ConnectionInfo, statusCode: number, reason: string) {
  const headers = { Host: connection.domainName, "X-Forwarded-For": connection.sourceIp };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: {
      ...requestContext(connection, "$disconnect", "DISCONNECT"),
      messageId: null,
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyWebsocketEventV2;
}

/** Route selection on $request.body.action, falling back to $default. */
export function selectRoute(body: string, routes: ReadonlySet<string>): string {
  try {
    const frame = JSON.parse(body);
    const action = frame?.action;
    if (typeof action === "string" && routes.has(action) && !action.startsWith("$")) return action;
  } catch {
    // Not JSON: API Gateway cannot evaluate the selection expression.
  }
  return "$default";
}
