import { connect } from "node:net";
import { signedFetch } from "@chat/test-support/signed-fetch";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { type HttpEmulator, startHttpEmulator } from "../src/http-emulator";
import { type Handler, inProcessFunction } from "../src/lambda";
import { startWebSocketEmulator, type WebSocketEmulator } from "../src/ws-emulator";

// What the emulators themselves say never carries internal details (connection
// ids, request ids, table names, stack traces), with one exception that mimics
// API Gateway: the frame a failed WebSocket handler produces.
const SECRET = "secret-table-name";
const throwing: Handler = async () => {
  throw new Error(`ResourceNotFoundException: ${SECRET} (request 0123)`);
};
const ok: Handler = async () => ({ statusCode: 200 });
let ws: WebSocketEmulator;
let http: HttpEmulator;

beforeAll(async () => {
  ws = await startWebSocketEmulator({
    port: 0,
    handlers: {
      $connect: inProcessFunction("connect", async (event: unknown) => {
        const query = (event as { queryStringParameters?: Record<string, string> }).queryStringParameters;
        if (query?.fail === "throw") return throwing(event, {} as never);
        // A malformed answer: API Gateway refuses it with 500, it must not pass for a 2xx.
        if (query?.fail === "garble") return { statusCode: SECRET };
        return { statusCode: 200 };
      }),
      $disconnect: inProcessFunction("disconnect", throwing),
      $default: inProcessFunction("default", throwing),
    },
  });
  http = await startHttpEmulator({
    port: 0,
    handlers: {
      "GET /boom": inProcessFunction("boom", throwing),
      // A result the emulator cannot turn into a response (a status that is not a number).
      "GET /garbled": inProcessFunction("garbled", async () => ({ statusCode: `${SECRET}` })),
      // Headers Node refuses to write: the emulator's own failure.
      "GET /bad-header": inProcessFunction("bad-header", async () => ({
        statusCode: 200,
        headers: { x: `a\r\n${SECRET}` },
      })),
      $default: inProcessFunction("default", ok),
    },
  });
});
afterAll(async () => {
  await ws?.stop();
  await http?.stop();
});

const originalError = console.error;
beforeAll(() => {
  console.error = () => undefined; // the failures below are expected; the logs are the server's own
});
afterAll(() => {
  console.error = originalError;
});

/** A raw exchange: everything the server sends back until it closes. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (/\r\n\r\n/.test(received) && /content-length: 0/i.test(received)) socket.end();
    });
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

const bodyOf = (response: string) => response.slice(response.indexOf("\r\n\r\n") + 4);

it("a failing WebSocket handler yields only API Gateway's frame: message, connectionId, requestId", async () => {
  const client = new WebSocket(`${ws.url}/?room=x`);
  const frames: string[] = [];
  client.on("message", (data) => frames.push(data.toString()));
  await new Promise((open) => client.once("open", open));
  client.send('{"action":"anything"}');
  await new Promise<void>((done) => client.once("message", () => done()));
  const frame = JSON.parse(frames[0]!);
  expect(Object.keys(frame).sort()).toEqual(["connectionId", "message", "requestId"]);
  expect(frame.message).toBe("Internal server error");
  expect(frames[0]).not.toContain(SECRET);
  const closed = new Promise((done) => client.once("close", done));
  client.close();
  await closed;
});

it.each(["throw", "garble"])(
  "a $connect that fails (%s) refuses the handshake with a bare 500, no body",
  async (fail) => {
    const { hostname, port } = new URL(ws.url);
    const response = await raw(
      ws.url,
      `GET /?fail=${fail} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    expect(response).toMatch(/^HTTP\/1\.1 500 /);
    expect(bodyOf(response)).toBe("");
    expect(response).not.toContain(SECRET);
  },
);

it("a handshake refused before $connect has no body", async () => {
  const { hostname, port } = new URL(ws.url);
  const response = await raw(
    ws.url,
    `GET / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: bogus\r\n\r\n",
  );
  expect(response).toMatch(/^HTTP\/1\.1 400 /);
  expect(bodyOf(response)).toBe("");
});

it("@connections errors name no connection id", async () => {
  const id = "secret-connection-id=";
  const gone = await signedFetch(`${ws.managementEndpoint}/@connections/${encodeURIComponent(id)}`, {
    method: "POST",
    body: "{}",
  });
  expect(gone.status).toBe(410);
  const goneBody = await gone.text();
  expect(Object.keys(JSON.parse(goneBody))).toEqual(["message"]);
  expect(goneBody).not.toContain("secret");
  const unsigned = await fetch(`${ws.managementEndpoint}/@connections/${encodeURIComponent(id)}`);
  expect(unsigned.status).toBe(403);
  expect(await unsigned.text()).not.toContain("secret");
  const notFound = await fetch(`${ws.managementEndpoint}/secret-path`);
  expect(notFound.status).toBe(404);
  expect(await notFound.text()).not.toContain("secret");
});

it.each(["/boom", "/garbled", "/bad-header"])(
  "HTTP: %s (a handler that throws, or a result that cannot be sent) answers API Gateway's bare 500",
  async (path) => {
    const response = await fetch(`${http.url}${path}`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
    expect([...response.headers.values()].join()).not.toContain(SECRET);
  },
);
