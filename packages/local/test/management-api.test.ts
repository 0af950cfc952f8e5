import { request } from "node:http";
import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { signedFetch } from "@chat/test-support/signed-fetch";
import { managementClient, useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { beforeAll, expect, it } from "vitest";

let management: ApiGatewayManagementApiClient;

const chat = useTestStack();
beforeAll(async () => {
  management = managementClient(chat.stack);
});

it("posts, describes and deletes a connection, and answers 410 once it is gone", async () => {
  const room = await chat.api.createRoom("management");
  const client = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "target" });
  const [connectionId] = [...chat.stack.webSocket.connections.keys()];
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
  const malformed = await signedFetch(`${chat.stack.managementEndpoint}/@connections/%ZZ`);
  expect(malformed.status).toBe(410);
});

it("answers the raw wire shape on GET", async () => {
  const room = await chat.api.createRoom("wire");
  const client = await ChatClient.connect(
    chat.stack.wsUrl,
    { roomId: room.id, name: "wire" },
    { headers: { "user-agent": "wire-check/1.0" } },
  );
  const connectionId = [...chat.stack.webSocket.connections.keys()].at(-1)!;
  const response = await signedFetch(
    `${chat.stack.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`,
  );
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body).toEqual({
    connectedAt: expect.any(String),
    lastActiveAt: expect.any(String),
    identity: { sourceIp: "127.0.0.1", userAgent: "wire-check/1.0" },
  });
  await client.close();
});

it("refuses callers who do not sign with the local credentials now (403), and leaves the connection alone", async () => {
  const room = await chat.api.createRoom("strangers");
  const client = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "target" });
  const connectionId = [...chat.stack.webSocket.connections.keys()].at(-1)!;
  const url = `${chat.stack.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`;
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
  // A body over PostToConnection's limit cannot have its signature checked: nothing is done.
  const oversized = "x".repeat(128 * 1024 + 1);
  expect(await statusOf(url, "GET", oversized)).toBe(403);
  for (const method of ["DELETE", "POST"]) {
    expect((await fetch(url, { method, body: oversized })).status).toBe(403);
    expect((await signedFetch(url, { method, body: oversized }, stranger)).status).toBe(413);
  }
  // A signature made with the right secret long ago (a captured request, replayed) has expired.
  const replayed = await signedFetch(url, { method: "GET" }, undefined, new Date(Date.UTC(2020, 0, 1)));
  expect(replayed.status).toBe(403);
  expect(replayed.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
  expect(await replayed.text()).toContain("Signature expired");
  // A method the API does not have is unknown (404), on a live connection as on a gone one.
  for (const target of [url, `${chat.stack.managementEndpoint}/@connections/gone-long-ago`]) {
    expect((await signedFetch(target, { method: "PUT", body: "{}" })).status).toBe(404);
  }
  const signed = await signedFetch(url, { method: "POST", body: '{"type":"genuine"}' });
  expect(signed.status).toBe(200);
  await client.until(() => client.ofType("genuine")[0]);
  expect(client.ofType("forged")).toEqual([]);
  expect(client.closed).toBeUndefined();
  await client.close();
});

/** The status of a request `fetch` will not make (a GET with a body). */
function statusOf(url: string, method: string, body: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method, headers: { "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    call.on("error", reject);
    call.end(body);
  });
}
