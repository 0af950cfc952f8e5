import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { LOCAL_REGION, localCredentials } from "../src/aws-env";
import { type LocalApi, startWebSocketApi } from "../src/index";

// The package's public API hosts handlers that are not this app's: a peer's
// chat, written as the samples people copy are (its own SDK clients, a
// TABLE_NAME variable, posts to https://{domainName}/{stage}), runs unedited.
const peer = fileURLToPath(new URL("./fixtures/peer-chat/connections", import.meta.url));
const tableName = `peer-${randomUUID()}`;
let api: LocalApi;

beforeAll(async () => {
  const dynamoEndpoint = inject("dynamoEndpoint");
  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: "connectionId", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "connectionId", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  api = await startWebSocketApi({
    routes: {
      $connect: `${peer}.onConnect`,
      $disconnect: `${peer}.onDisconnect`,
      sendmessage: { handler: `${peer}.onMessage`, timeoutSeconds: 10 },
    },
    environment: { TABLE_NAME: tableName },
    dynamoEndpoint,
    runtime: { log: () => undefined },
  });
});
afterAll(() => api?.stop());

function connect(): Promise<{ socket: WebSocket; received: string[] }> {
  const socket = new WebSocket(api.url);
  const received: string[] = [];
  socket.on("message", (data) => received.push(data.toString()));
  return new Promise((ready, fail) => {
    socket.once("open", () => ready({ socket, received }));
    socket.once("error", fail);
  });
}

it("runs a peer's handlers unedited: $connect stores, a message reaches every connection over https @connections", async () => {
  const [alice, bob] = await Promise.all([connect(), connect()]);
  alice.socket.send(JSON.stringify({ action: "sendmessage", data: "hello from a peer's code" }));
  await expect
    .poll(() => [alice.received, bob.received], { timeout: 20_000 })
    .toEqual([["hello from a peer's code"], ["hello from a peer's code"]]);
  bob.socket.close();
  await new Promise((done) => bob.socket.once("close", done));
  // $disconnect removed bob, so the next message goes to alice alone (no 410 left behind).
  alice.socket.send(JSON.stringify({ action: "sendmessage", data: "still here" }));
  await expect.poll(() => alice.received, { timeout: 20_000 }).toEqual(["hello from a peer's code", "still here"]);
  expect(bob.received).toEqual(["hello from a peer's code"]);
  alice.socket.close();
});

it("refuses a handler setting without an export name", async () => {
  await expect(startWebSocketApi({ routes: { $default: peer.replace(/\./g, "_") } })).rejects.toThrow(
    /not a handler setting/,
  );
});
