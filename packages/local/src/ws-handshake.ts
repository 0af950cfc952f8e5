import type { IncomingMessage } from "node:http";

// What `ws` (node_modules/ws/lib/websocket-server.js, handleUpgrade) checks
// before it completes a handshake. The emulator checks the same BEFORE it runs
// $connect, so a request `ws` would refuse never joins anyone to a room.
const KEY = /^[+/0-9A-Za-z]{22}==$/; // base64 of 16 bytes
// RFC 7230 token characters, as ws's subprotocol parser accepts them.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Why `ws` would refuse this handshake, or undefined when it would accept it:
 * method GET, `Upgrade: websocket`, a `Sec-WebSocket-Key` of 16 base64 bytes,
 * `Sec-WebSocket-Version` 13 (or 8, which ws also accepts) and, if present, a
 * well-formed `Sec-WebSocket-Protocol` list without duplicates.
 */
export function handshakeProblem(request: IncomingMessage): string | undefined {
  if (request.method !== "GET") return "Invalid HTTP method";
  const upgrade = request.headers.upgrade;
  if (upgrade === undefined || upgrade.toLowerCase() !== "websocket") return "Invalid Upgrade header";
  const key = request.headers["sec-websocket-key"];
  if (key === undefined || !KEY.test(key)) return "Missing or invalid Sec-WebSocket-Key header";
  const version = Number(request.headers["sec-websocket-version"]);
  if (version !== 13 && version !== 8) return "Missing or invalid Sec-WebSocket-Version header";
  const protocols = request.headers["sec-websocket-protocol"];
  if (protocols !== undefined && !validProtocolList(protocols)) return "Invalid Sec-WebSocket-Protocol header";
  return undefined;
}

/**
 * ws's subprotocol.parse (lib/subprotocol.js), ported: comma-separated tokens,
 * spaces or tabs after a token or after a comma but not at the very start or
 * end, no empty entry, no duplicates.
 */
function validProtocolList(header: string): boolean {
  const protocols = new Set<string>();
  let start = -1;
  let end = -1;
  let index = 0;
  for (; index < header.length; index++) {
    const char = header[index]!;
    if (end === -1 && TOKEN.test(char)) {
      if (start === -1) start = index;
    } else if (index !== 0 && (char === " " || char === "\t")) {
      if (end === -1 && start !== -1) end = index;
    } else if (char === ",") {
      if (start === -1) return false;
      if (end === -1) end = index;
      const protocol = header.slice(start, end);
      if (protocols.has(protocol)) return false;
      protocols.add(protocol);
      start = end = -1;
    } else {
      return false;
    }
  }
  if (start === -1 || end !== -1) return false;
  return !protocols.has(header.slice(start, index));
}
