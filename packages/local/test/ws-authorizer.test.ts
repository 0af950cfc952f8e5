import { startWebSocketApi } from "@chat/test-support/web-socket-api";
import type { Frame } from "@chat/test-support/ws-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import type { Handler } from "../src/lambda";
import { waitUntil } from "../src/wait-until";
import type { WebSocketEmulator } from "../src/ws-emulator";

// A Lambda REQUEST authorizer on $connect, as API Gateway runs it: what it
// answers decides the handshake, and its context reaches every later event.
// The events are recorded as received (Frame: any field may be read).
const authorizerEvents: Frame[] = [];
const routeEvents: Frame[] = [];
const policy = (effect: "Allow" | "Deny", resource: string) => ({
  Version: "2012-10-17",
  Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }],
});
const authorizer: Handler = async (event) => {
  const request = event as Frame;
  authorizerEvents.push(request);
  const as = request.queryStringParameters?.as;
  if (as === "unauthorized") throw new Error("Unauthorized");
  if (as === "broken") throw new Error("something else");
  if (as === "malformed") return { policyDocument: policy("Allow", request.methodArn) };
  if (as === "nested") return { principalId: "p", policyDocument: policy("Allow", "*"), context: { a: { b: 1 } } };
  if (as === "deny") return { principalId: "p", policyDocument: policy("Deny", request.methodArn) };
  if (as === "other-route") return { principalId: "p", policyDocument: policy("Allow", `${request.methodArn}x`) };
  return {
    principalId: "user-1",
    // API Gateway's own wildcards: any stage, any route of this API.
    policyDocument: policy("Allow", request.methodArn.replace(/\/[^/]+\/\$connect$/, "/*/*")),
    context: { room: "r1", admin: false, level: 3 },
  };
};
const record: Handler = async (event) => {
  routeEvents.push(event as Frame);
  return { statusCode: 200 };
};
let emulator: WebSocketEmulator;

beforeAll(async () => {
  emulator = await startWebSocketApi(
    { $connect: record, $disconnect: record, echo: record },
    { handler: authorizer, identitySources: ["route.request.querystring.as"] },
  );
});
afterAll(() => emulator?.stop());

/** The handshake's outcome: open, or the status it was refused with. */
function handshake(query: string): Promise<{ socket?: WebSocket; status?: number }> {
  const socket = new WebSocket(`${emulator.url}/${query}`);
  return new Promise((resolve) => {
    socket.once("open", () => resolve({ socket }));
    socket.once("unexpected-response", (_request, response) => resolve({ status: response.statusCode }));
  });
}

const waitFor = (done: () => boolean) => waitUntil("it happens", done, { timeoutMs: 10_000, intervalMs: 10 });

it("an allowing policy opens the connection, and every event carries the context with the principal", async () => {
  const { socket } = await handshake("?as=allow");
  expect(authorizerEvents.at(-1)).toMatchObject({
    type: "REQUEST",
    methodArn: expect.stringMatching(/^arn:aws:execute-api:us-east-1:\d{12}:[a-z0-9]{10}\/\$default\/\$connect$/),
    queryStringParameters: { as: "allow" },
    headers: expect.objectContaining({ "Sec-WebSocket-Key": expect.any(String) }),
    requestContext: expect.objectContaining({ routeKey: "$connect", eventType: "CONNECT" }),
  });
  socket!.send('{"action":"echo"}');
  await waitFor(() => routeEvents.some((event) => event.requestContext.routeKey === "echo"));
  socket!.close();
  await waitFor(() => routeEvents.some((event) => event.requestContext.routeKey === "$disconnect"));
  for (const event of routeEvents) {
    expect(event.requestContext.authorizer).toEqual({
      room: "r1",
      admin: false,
      level: 3,
      principalId: "user-1",
      integrationLatency: expect.any(Number),
    });
  }
  expect(routeEvents.map((event) => event.requestContext.routeKey)).toEqual(["$connect", "echo", "$disconnect"]);
});

it.each([
  ["a Deny", "deny", 403],
  ["an Allow for another resource", "other-route", 403],
  ['the error "Unauthorized"', "unauthorized", 401],
  ["any other error", "broken", 500],
  ["an answer without a principal", "malformed", 500],
  ["a context value that is not a string, number or boolean", "nested", 500],
])("%s refuses the handshake with %s, and $connect does not run", async (_what, as, status) => {
  const connects = routeEvents.length;
  expect(await handshake(`?as=${as}`)).toEqual({ status });
  expect(authorizerEvents.at(-1)!.queryStringParameters).toEqual({ as });
  expect(routeEvents).toHaveLength(connects);
});

it("a missing identity source refuses with 401 without invoking the authorizer", async () => {
  const invocations = authorizerEvents.length;
  expect(await handshake("?other=1")).toEqual({ status: 401 });
  expect(await handshake("?as=")).toEqual({ status: 401 });
  expect(authorizerEvents).toHaveLength(invocations);
});
