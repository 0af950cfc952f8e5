import { connect } from "node:net";
import { handshakeStatus } from "@chat/test-support/handshake";
import { useTestStack } from "@chat/test-support/stack";
import { beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { pollUntil } from "../src/wait-until";

// A sweep of malformed input over every surface: no answer may be a 5xx, and
// none may carry an internal detail (a connection id, a request id, the
// table's name, a stack trace).
let roomId: string;

const chat = useTestStack();
beforeAll(async () => {
  roomId = (await chat.api.createRoom("sweep")).id;
});

function expectNoLeak(text: string) {
  expect(text).not.toContain(chat.stack.tableName);
  expect(text).not.toMatch(/requestId|connectionId|\n\s+at |\.ts:\d+/);
  for (const connectionId of chat.stack.webSocket.connections.keys()) expect(text).not.toContain(connectionId);
}

const strings = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "x".repeat(70),
  "%",
  "%ZZ",
  "../..",
  "ROOM#x",
  "__proto__",
  "😀".repeat(40),
];
const jsonValues: unknown[] = [
  null,
  0,
  -1,
  Number.MAX_VALUE,
  true,
  [],
  {},
  [1, 2],
  { name: null },
  { name: 5 },
  { name: [] },
  { name: {} },
];

it("HTTP: bad methods, paths, queries and bodies never answer 5xx or leak", async () => {
  const requests: { method: string; path: string; body?: string }[] = [];
  for (const method of ["GET", "POST", "PUT", "DELETE", "PATCH"]) {
    for (const path of [
      "/",
      "/rooms",
      `/rooms/${roomId}`,
      `/rooms/${roomId}/messages`,
      "/rooms/%E0%A4%A",
      "/rooms//messages",
      "/rooms/x/y/z",
    ]) {
      requests.push({ method, path });
    }
  }
  for (const value of strings) {
    // A lone surrogate has no UTF-8 form: send the bytes a careless client would.
    const query = value === "\ud800" ? "%ED%A0%80" : encodeURIComponent(value);
    requests.push({ method: "GET", path: `/rooms?limit=${query}` }, { method: "GET", path: `/rooms?cursor=${query}` });
    requests.push({ method: "GET", path: `/rooms/${roomId}/messages?before=${query}` });
    requests.push({ method: "GET", path: `/rooms/${roomId}/messages?after=${query}&limit=${query}` });
    requests.push({ method: "POST", path: "/rooms", body: JSON.stringify({ name: value }) });
    requests.push({ method: "POST", path: "/rooms", body: value });
  }
  for (const value of jsonValues) requests.push({ method: "POST", path: "/rooms", body: JSON.stringify(value) });
  requests.push({ method: "POST", path: "/rooms", body: '{"name":"a"'.repeat(3) });
  requests.push({ method: "POST", path: "/rooms", body: "[".repeat(5000) });
  for (const request of requests) {
    const response = await fetch(chat.stack.apiUrl + request.path, { method: request.method, body: request.body });
    const text = await response.text();
    expect(response.status, `${request.method} ${request.path} ${request.body ?? ""}`.slice(0, 200)).toBeLessThan(500);
    expectNoLeak(text);
  }
  expect(requests.length).toBeGreaterThan(100);
});

const handshakeWith = (query: string) => handshakeStatus(`${chat.stack.wsUrl}/?${query}`);

it("WebSocket handshakes: bad queries are refused with 4xx, never 5xx", async () => {
  const queries = [
    "",
    "roomId=",
    "roomId=nope",
    `roomId=${roomId}&roomId=${roomId}`,
    `roomId=${roomId}&name=%00`,
    `roomId=${roomId}&name=${"n".repeat(40)}`,
    `roomId=${roomId}&name=%E2%80%8B`,
    `roomId=${roomId}&name=%E2%80%AEevil`,
    "roomId=%ZZ",
    `roomId=${roomId}&name=%ZZ`,
    `roomId=${roomId}&name=%E0%A4%A`,
    `roomId=${"x".repeat(3000)}`,
    "roomId[]=x",
    "__proto__[roomId]=x",
  ];
  for (const query of queries) {
    const status = await handshakeWith(query);
    expect(status, query.slice(0, 80)).not.toBeGreaterThanOrEqual(500);
  }
});

it("WebSocket frames: malformed frames get error frames without internal details", async () => {
  const socket = new WebSocket(`${chat.stack.wsUrl}/?roomId=${roomId}&name=sweeper`);
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(data.toString()));
  await new Promise((resolve) => socket.once("open", resolve));
  const sent = [
    "",
    "not json",
    "null",
    "[]",
    '"string"',
    "{}",
    '{"action":5}',
    '{"action":"$connect"}',
    '{"action":"sendMessage"}',
    '{"action":"sendMessage","data":{"message":""}}',
    '{"action":"sendMessage","data":{"message":5}}',
    '{"action":"sendMessage","data":{"message":"x","clientMessageId":""}}',
    '{"action":"sendMessage","data":{"message":"\\ud800"}}',
    '{"action":"__proto__"}',
    '{"action":"constructor","data":{}}',
    `{"action":"sendMessage","data":{"message":"${"x".repeat(2001)}"}}`,
  ];
  for (const frame of sent) socket.send(frame);
  await pollUntil(() => frames.filter((frame) => frame.includes('"error"')).length >= sent.length, {
    timeoutMs: 20_000,
    intervalMs: 20,
  });
  const errors = frames.map((frame) => JSON.parse(frame)).filter((frame) => frame.type === "error");
  expect(errors).toHaveLength(sent.length);
  expect(errors.every((frame) => ["invalid_request", "unknown_action"].includes(frame.error.code))).toBe(true);
  for (const frame of frames) expectNoLeak(frame);
  socket.close();
});

it("raw request lines that are not HTTP at all get 4xx or a closed socket on every port", async () => {
  for (const url of [chat.stack.apiUrl, chat.stack.wsUrl.replace("ws:", "http:")]) {
    for (const line of ["GET //[ HTTP/1.1", "BREW /pot HTTP/1.1", "GET / HTTP/9.9", "\u0000\u0001\u0002"]) {
      const { hostname, port } = new URL(url);
      const status = await new Promise<number>((resolve) => {
        const socket = connect(Number(port), hostname, () =>
          socket.write(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`),
        );
        let received = "";
        socket.on("data", (chunk) => (received += chunk.toString("latin1")));
        socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
        socket.on("error", () => undefined);
      });
      expect(status, `${url} ${JSON.stringify(line)}`).toBeLessThan(500);
    }
  }
});
