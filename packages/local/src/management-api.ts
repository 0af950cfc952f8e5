import type { IncomingMessage, ServerResponse } from "node:http";
import { decodePathSegment, readBody, requestUrl } from "./http-body";
import { checkSignature } from "./sigv4";
import type { LiveConnection } from "./ws-emulator";

// PostToConnection's own limit on a payload.
const MAX_POST_BYTES = 128 * 1024;
// The path may carry the stage, as the deployed endpoint's does.
const CONNECTION_PATH = /^(?:\/[^/@]+)?\/@connections\/([^/]+)\/?$/;

function fail(response: ServerResponse, status: number, errorType: string, message: string) {
  // The SDK reads the error's name from this header.
  response.writeHead(status, { "content-type": "application/json", "x-amzn-errortype": errorType });
  response.end(JSON.stringify({ message }));
}

/** API Gateway's @connections API: POST sends a frame, GET describes, DELETE closes. */
export async function handleManagementRequest(
  request: IncomingMessage,
  response: ServerResponse,
  connections: ReadonlyMap<string, LiveConnection>,
) {
  const path = requestUrl(request).pathname;
  const found = CONNECTION_PATH.exec(path);
  if (!found) return fail(response, 404, "NotFoundException", "Not Found");
  const body = await readBody(request, MAX_POST_BYTES);
  if (body) {
    const signature = await checkSignature(request, body);
    if (signature === "missing") return fail(response, 403, "ForbiddenException", "Missing Authentication Token");
    if (signature === "invalid") {
      return fail(
        response,
        403,
        "InvalidSignatureException",
        "The request signature does not match the local credentials",
      );
    }
  }
  const connection = connections.get(decodePathSegment(found[1]!));
  if (!connection?.open || !connection.socket) {
    return fail(response, 410, "GoneException", "the connection is gone");
  }
  switch (request.method) {
    case "POST":
      if (!body) return fail(response, 413, "PayloadTooLargeException", "payload too large");
      // False when this frame filled the send buffer of a client that stopped reading:
      // the connection was ended, so the frame will never be delivered.
      if (!connection.send(body.toString("utf8")))
        return fail(response, 410, "GoneException", "the connection is gone");
      response.writeHead(200).end();
      return;
    case "GET":
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          connectedAt: new Date(connection.connectedAt).toISOString(),
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
        }),
      );
      return;
    case "DELETE":
      connection.socket.close(1000);
      response.writeHead(204).end();
      return;
    default:
      return fail(response, 404, "NotFoundException", "Not Found");
  }
}
