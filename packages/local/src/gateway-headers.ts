import type { IncomingMessage } from "node:http";
import { newTraceRoot } from "./trace-header";

/** The client's address, as API Gateway reports it (IPv4 without its IPv6 mapping). */
export const clientAddress = (request: IncomingMessage) =>
  (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");

/** The headers API Gateway adds to a request it forwards: its trace, and where the request came from. */
export function gatewayHeaders(request: IncomingMessage, sourceIp: string): [string, string][] {
  return [
    ["X-Amzn-Trace-Id", newTraceRoot()],
    ["X-Forwarded-For", sourceIp],
    ["X-Forwarded-Port", String(request.socket.localPort ?? "")],
    ["X-Forwarded-Proto", "encrypted" in request.socket && request.socket.encrypted ? "https" : "http"],
  ];
}
