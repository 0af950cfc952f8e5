import type { IncomingMessage, ServerResponse } from "node:http";
import { decodePathSegment, readBody, requestUrl } from "./http-body";
import { checkSignature } from "./sigv4";
import type { LiveConnection } from "./ws-emulator";

// PostToConnection's own limit on a payload.
export const MAX_POST_BYTES = 128 * 1024;
// The path may carry the stage, as the deployed endpoint's does.
const CONNECTION_PATH = /^(?:\/[^/@]+)?\/@connections\/([^/]+)\/?$/;

/** One @connections call, whatever carried it (HTTP, or an execution environment's port). */
export interface ManagementCall {
  method: string;
  /** The URL's path, still percent-encoded. */
  path: string;
  /** The body; undefined when it was over PostToConnection's limit. */
  body: Buffer | undefined;
}

export interface ManagementAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function fail(status: number, errorType: string, message: string): ManagementAnswer {
  // The SDK reads the error's name from this header.
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": errorType },
    body: JSON.stringify({ message }),
  };
}

const ok = (status: number, body = "", headers: Record<string, string> = {}): ManagementAnswer => ({
  status,
  headers,
  body,
});

const MANAGEMENT_METHODS = new Set(["POST", "GET", "DELETE"]);

/** API Gateway's @connections API: POST sends a frame, GET describes, DELETE closes. */
export function answerManagementCall(
  call: ManagementCall,
  connections: ReadonlyMap<string, LiveConnection>,
): ManagementAnswer {
  const found = CONNECTION_PATH.exec(call.path);
  if (!found || !MANAGEMENT_METHODS.has(call.method)) return fail(404, "NotFoundException", "Not Found");
  const connection = connections.get(decodePathSegment(found[1]!));
  if (!connection?.open || !connection.socket) return fail(410, "GoneException", "the connection is gone");
  switch (call.method) {
    case "POST":
      if (!call.body) return fail(413, "PayloadTooLargeException", "payload too large");
      // False when this frame filled the send buffer of a client that stopped reading:
      // the connection was ended, so the frame will never be delivered.
      if (!connection.send(call.body.toString("utf8"))) return fail(410, "GoneException", "the connection is gone");
      return ok(200);
    case "GET":
      return ok(
        200,
        JSON.stringify({
          connectedAt: new Date(connection.connectedAt).toISOString(),
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
        }),
        { "content-type": "application/json" },
      );
    case "DELETE":
      connection.socket.close(1000);
      return ok(204);
    default:
      return fail(404, "NotFoundException", "Not Found");
  }
}

/** The @connections API over HTTP(S): every call must be signed with the local credentials. */
export async function handleManagementRequest(
  request: IncomingMessage,
  response: ServerResponse,
  connections: ReadonlyMap<string, LiveConnection>,
) {
  const answer = await answerHttpCall(request, connections);
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

async function answerHttpCall(
  request: IncomingMessage,
  connections: ReadonlyMap<string, LiveConnection>,
): Promise<ManagementAnswer> {
  const path = requestUrl(request).pathname;
  if (!CONNECTION_PATH.test(path)) return fail(404, "NotFoundException", "Not Found");
  // Unsigned: refused first, whatever the body (one too large to read is never signed-checked).
  if (!request.headers.authorization) return fail(403, "ForbiddenException", "Missing Authentication Token");
  const body = await readBody(request, MAX_POST_BYTES);
  // A body too large to check the signature over: refused before anything is done.
  if (!body) return fail(413, "PayloadTooLargeException", "payload too large");
  const signature = await checkSignature(request, body);
  if (signature === "expired") return fail(403, "InvalidSignatureException", "Signature expired");
  if (signature !== "valid") {
    return fail(403, "InvalidSignatureException", "The request signature does not match the local credentials");
  }
  return answerManagementCall({ method: request.method ?? "GET", path, body }, connections);
}
