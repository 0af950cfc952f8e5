import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { RouteFunction } from "@chat/functions/routes";
import { IN_PROCESS, useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import type { Context } from "aws-lambda";
import { beforeAll, expect, it, vi } from "vitest";
import { withGrant } from "../src/grants";
import { startFunctions } from "../src/lambda";

// The local runtime refuses what a function's IAM policy would refuse in AWS:
// every other integration test runs the handlers under their routes' rights,
// and these show that a right missing from routes.ts is a failure, not a pass.
let db: typeof import("@chat/core/db");

const chat = useTestStack({}, { functions: IN_PROCESS });
beforeAll(async () => {
  db = await import("@chat/core/db");
});

const context = {} as Context;
const runAs = (route: RouteFunction, work: () => Promise<unknown>) =>
  withGrant(`probe-${route.file}`, route, work)(undefined, context);

const key = { pk: "PROBE", sk: "META" };

it("allows the DynamoDB actions a route declares, on the table or on the index", async () => {
  const route = { file: "probe", table: ["PutItem", "GetItem"], roomListIndex: ["Query"] } as const;
  await runAs(route, () => db.db.send(new PutCommand({ TableName: db.tableName(), Item: key })));
  await runAs(route, () => db.db.send(new GetCommand({ TableName: db.tableName(), Key: key })));
  await runAs(route, () =>
    db.db.send(
      new QueryCommand({
        TableName: db.tableName(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :list",
        ExpressionAttributeValues: { ":list": "ROOMS" },
      }),
    ),
  );
});

it("refuses an action the route does not declare with AccessDeniedException", async () => {
  const readOnly = { file: "read-only", table: ["GetItem"] } as const;
  await expect(
    runAs(readOnly, () => db.db.send(new PutCommand({ TableName: db.tableName(), Item: key }))),
  ).rejects.toMatchObject({ name: "AccessDeniedException", message: expect.stringMatching(/dynamodb:PutItem/) });
});

it("checks each item of a transaction, and the index apart from the table", async () => {
  const updatesOnly = { file: "updates-only", table: ["UpdateItem", "Query"] } as const;
  const transaction = new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: db.tableName(),
          Key: key,
          UpdateExpression: "SET n = :n",
          ExpressionAttributeValues: { ":n": 1 },
        },
      },
      { Delete: { TableName: db.tableName(), Key: key } },
    ],
  });
  await expect(runAs(updatesOnly, () => db.db.send(transaction))).rejects.toMatchObject({
    message: expect.stringMatching(/dynamodb:DeleteItem/),
  });
  const indexQuery = new QueryCommand({
    TableName: db.tableName(),
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :list",
    ExpressionAttributeValues: { ":list": "ROOMS" },
  });
  await expect(runAs(updatesOnly, () => db.db.send(indexQuery))).rejects.toMatchObject({
    message: expect.stringMatching(/dynamodb:Query on the index gsi1/),
  });
});

it("refuses posts to and closes of connections from a function not linked to the WebSocket API", async () => {
  const { tell, closeConnection } = await import("@chat/core/notifier");
  const unlinked = { file: "unlinked", table: ["GetItem"] } as const;
  await expect(
    runAs(unlinked, () => tell("any-connection=", { type: "typing", member: { id: "m", name: "n" } })),
  ).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: expect.stringMatching(/execute-api:ManageConnections \(PostToConnection\)/),
    $metadata: { httpStatusCode: 403 },
  });
  await expect(runAs(unlinked, () => closeConnection("any-connection="))).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: expect.stringMatching(/execute-api:ManageConnections \(DeleteConnection\)/),
  });
});

it("the real send-message handler fails without the PutItem its route declares", async () => {
  const { webSocketRoutes } = await import("@chat/functions/routes");
  const { handler } = await import("@chat/functions/ws/send-message");
  const room = await chat.api.createRoom("grants");
  const sender = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "sender" });
  const connectionId = [...chat.stack.webSocket.connections.keys()].at(-1)!;
  const event = {
    requestContext: { connectionId, routeKey: "sendMessage" },
    body: JSON.stringify({ action: "sendMessage", data: { message: "not allowed" } }),
  };
  const declared = webSocketRoutes.sendMessage;
  const withoutPut = { ...declared, table: declared.table.filter((action) => action !== "PutItem") };
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await withGrant("send-message", withoutPut, handler as never)(event, context);
    expect((await sender.nextOfType("error")).error.code).toBe("unavailable");
    expect(String(logged.mock.calls.flat().find((value) => value instanceof Error))).toMatch(/AccessDenied.*PutItem/);
  } finally {
    logged.mockRestore();
  }
  expect((await chat.api.get(`/rooms/${room.id}/messages`)).body.messages).toEqual([]);
  await sender.close();
});

it("in its own execution environment too, send-message fails without PutItem and works with its declared rights", async () => {
  const { webSocketRoutes } = await import("@chat/functions/routes");
  const declared = webSocketRoutes.sendMessage;
  const withoutPut = { ...declared, table: declared.table.filter((action) => action !== "PutItem") };
  const room = await chat.api.createRoom("grants in workers");
  const sender = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "sender" });
  const connectionId = [...chat.stack.webSocket.connections.keys()].at(-1)!;
  const event = (message: string) => ({
    requestContext: { connectionId, routeKey: "sendMessage" },
    body: JSON.stringify({ action: "sendMessage", data: { message } }),
  });
  const functions = await startFunctions(
    [
      { name: "without-put", module: "@chat/functions/ws/send-message", grant: withoutPut },
      { name: "as-declared", module: "@chat/functions/ws/send-message", grant: declared },
    ],
    { log: () => undefined },
  );
  try {
    await functions.byName["without-put"]!.invoke(event("not allowed"));
    expect((await sender.nextOfType("error")).error.code).toBe("unavailable");
    await functions.byName["as-declared"]!.invoke(event("allowed"));
    await sender.nextOfType("message");
  } finally {
    await functions.stop();
  }
  const stored = (await chat.api.get(`/rooms/${room.id}/messages`)).body.messages;
  expect(stored.map((message: { text: string }) => message.text)).toEqual(["allowed"]);
  await sender.close();
});

it("in its own execution environment, holds a client its handler reaches only by a dynamic import to the route", async () => {
  const functions = await startFunctions(
    [
      {
        name: "lazy-table-probe",
        module: new URL("./fixtures/lazy-table-probe.ts", import.meta.url).href,
        grant: { file: "lazy-table-probe", table: ["GetItem"] },
      },
    ],
    { log: () => undefined },
  );
  try {
    await expect(functions.byName["lazy-table-probe"]!.invoke({})).rejects.toMatchObject({
      message: expect.stringMatching(/dynamodb:PutItem/),
    });
  } finally {
    await functions.stop();
  }
});
