import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyWebsocketEventV2 } from "aws-lambda";
import { joinedRecord, multiValueRecord, requestUrl } from "./http-body";

/** What the emulator knows of a connection, as API Gateway would. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  domainName: string;
}

/** API Gateway's connection ids look like "L0SM9cOFvHcCIhw=". */
export const newConnectionId = () => `${randomBytes(11).toString("base64url")}=`;

export const clientAddress = (request: IncomingMessage) =>
  (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");

function requestContext(
  connection: ConnectionInfo,
  routeKey: string,
  eventType: "CONNECT" | "MESSAGE" | "DISCONNECT",
) {
  const now = new Date();
  return {
    routeKey,
    eventType,
    messageDirection: "IN" as const,
    extendedRequestId: randomUUID(),
    requestId: randomUUID(),
    requestTime: now.toUTCString(),
    requestTimeEpoch: now.getTime(),
    stage: "local",
    apiId: "local",
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    connectedAt: connection.connectedAt,
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
  };
}

function headersOf(request: IncomingMessage) {
  const pairs: [string, string][] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    pairs.push([request.rawHeaders[index]!, request.rawHeaders[index + 1]!]);
  }
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
    ...headersOf(request),
    queryStringParameters: hasQuery ? query : undefined,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : undefined,
    requestContext: requestContext(connection, "$connect", "CONNECT"),
    isBase64Encoded: false,
    // @types/aws-lambda requires messageId, which real $connect events lack.
  } as unknown as APIGatewayProxyWebsocketEventV2;
}

export function messageEvent(
  connection: ConnectionInfo,
  routeKey: string,
  body: string,
  isBase64Encoded: boolean,
): APIGatewayProxyWebsocketEventV2 {
  return {
    requestContext: { ...requestContext(connection, routeKey, "MESSAGE"), messageId: randomUUID() },
    body,
    isBase64Encoded,
  } as APIGatewayProxyWebsocketEventV2;
}

export function disconnectEvent(connection: ConnectionInfo, statusCode: number, reason: string) {
  return {
    headers: { Host: connection.domainName },
    requestContext: {
      ...requestContext(connection, "$disconnect", "DISCONNECT"),
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
