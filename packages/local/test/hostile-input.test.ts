import { connect } from "node:net";
import { handshakeStatus } from "@chat/test-support/handshake";
import { useTestStack } from "@chat/test-support/stack";
import { expect, it } from "vitest";

// Inputs that once answered 500: names that collide with Object.prototype's
// members, and request targets that are not paths.
const chat = useTestStack();

const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

/** The status line's code for a raw HTTP/1.1 request line sent to a port. */
function statusOfRawRequest(url: string, requestLine: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${requestLine}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

it.each(PROTOTYPE_NAMES)("a handshake with a query key or header named %s is handled like any other", async (name) => {
  const room = await chat.api.createRoom("prototype names");
  const url = `${chat.stack.wsUrl}/?roomId=${room.id}&name=ann`;
  expect(await handshakeStatus(`${url}&${encodeURIComponent(name)}=x`)).toBe(101);
  expect(await handshakeStatus(url, { [name]: "x" })).toBe(101);
  expect(await handshakeStatus(`${chat.stack.wsUrl}/?${encodeURIComponent(name)}=${room.id}`)).toBe(400);
});

it.each(PROTOTYPE_NAMES)(
  "an HTTP request with a query key or header named %s gets its route's answer",
  async (name) => {
    const response = await fetch(`${chat.stack.apiUrl}/rooms?${encodeURIComponent(name)}=x`, {
      headers: { [name]: "x" },
    });
    expect(response.status).toBe(200);
    expect(Array.isArray(((await response.json()) as { rooms: unknown }).rooms)).toBe(true);
  },
);

it("a request target that is not a path answers 404 on the HTTP API and refuses a handshake, never 500", async () => {
  for (const target of ["//[", "//x/rooms", "*"]) {
    expect(await statusOfRawRequest(chat.stack.apiUrl, `GET ${target} HTTP/1.1`)).toBe(404);
    expect(await statusOfRawRequest(chat.stack.apiUrl, `POST ${target} HTTP/1.1`)).toBe(404);
    expect(await statusOfRawRequest(chat.stack.managementEndpoint, `POST ${target} HTTP/1.1`)).toBe(404);
  }
  const status = await statusOfRawRequest(
    chat.stack.wsUrl.replace("ws:", "http:"),
    "GET //[ HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
  );
  expect(status).toBe(400);
});
