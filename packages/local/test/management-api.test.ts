import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { httpClient } from "@chat/test-support/http";
import { signedFetch } from "@chat/test-support/signed-fetch";
import { managementClient, startTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Stack } from "../src/stack";

let stack: Stack;
let management: ApiGatewayManagementApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  management = managementClient(stack);
});
afterAll(() => stack?.stop());

it("posts, describes and deletes a connection, and answers 410 once it is gone", async () => {
  const room = await httpClient(stack.apiUrl).createRoom("management");
  const client = await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "target" });
  const [connectionId] = [...stack.webSocket.connections.keys()];
  expect(connectionId).toBeDefined();

  await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: '{"type":"ping"}' }));
  expect(await client.until(() => client.ofType("ping")[0])).toEqual({ type: "ping" });

  const described = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
  expect(described.ConnectedAt).toBeInstanceOf(Date);
  expect(described.LastActiveAt).toBeInstanceOf(Date);
  expect(described.Identity?.SourceIp).toBe("127.0.0.1");

  await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
  await client.until(() => client.closed);

  for (const command of [
    new PostToConnectionCommand({ ConnectionId: connectionId, Data: "late" }),
    new GetConnectionCommand({ ConnectionId: connectionId }),
    new DeleteConnectionCommand({ ConnectionId: connectionId }),
  ]) {
    const failure = await management.send(command as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GoneException);
    expect((failure as GoneException).$metadata.httpStatusCode).toBe(410);
  }
  const unknown = await management
    .send(new PostToConnectionCommand({ ConnectionId: "never-existed=", Data: "x" }))
    .catch((error: unknown) => error);
  expect(unknown).toBeInstanceOf(GoneException);
  const malformed = await signedFetch(`${stack.managementEndpoint}/@connections/%ZZ`);
  expect(malformed.status).toBe(410);
});

it("answers the raw wire shape on GET", async () => {
  const room = await httpClient(stack.apiUrl).createRoom("wire");
  const client = await ChatClient.connect(
    stack.wsUrl,
    { roomId: room.id, name: "wire" },
    { headers: { "user-agent": "wire-check/1.0" } },
  );
  const connectionId = [...stack.webSocket.connections.keys()].at(-1)!;
  const response = await signedFetch(`${stack.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`);
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body).toEqual({
    connectedAt: expect.any(String),
    lastActiveAt: expect.any(String),
    identity: { sourceIp: "127.0.0.1", userAgent: "wire-check/1.0" },
  });
  await client.close();
});

it("refuses callers who do not sign with the local credentials (403), and leaves the connection alone", async () => {
  const room = await httpClient(stack.apiUrl).createRoom("strangers");
  const client = await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "target" });
  const connectionId = [...stack.webSocket.connections.keys()].at(-1)!;
  const url = `${stack.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`;
  const stranger = { accessKeyId: "local", secretAccessKey: "guessed" };
  for (const method of ["POST", "GET", "DELETE"]) {
    const body = method === "POST" ? '{"type":"forged"}' : undefined;
    const unsigned = await fetch(url, { method, body });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get("x-amzn-errortype")).toBe("ForbiddenException");
    const wrongSecret = await signedFetch(url, { method, body }, stranger);
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
  }
  const signed = await signedFetch(url, { method: "POST", body: '{"type":"genuine"}' });
  expect(signed.status).toBe(200);
  await client.until(() => client.ofType("genuine")[0]);
  expect(client.ofType("forged")).toEqual([]);
  expect(client.closed).toBeUndefined();
  await client.close();
});
