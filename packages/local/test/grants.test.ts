import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RouteFunction } from "@chat/functions/routes";
import { withGrant } from "../src/grants";
import type { Stack } from "../src/stack";
import { startTestStack } from "./support/stack";

// The local runtime refuses what a function's IAM policy would refuse in AWS:
// every other integration test runs the handlers under their routes' rights,
// and these show that a right missing from routes.ts is a failure, not a pass.
let stack: Stack;
let db: typeof import("@chat/core/db");

beforeAll(async () => {
  stack = await startTestStack();
  db = await import("@chat/core/db");
});
afterAll(() => stack?.stop());

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
      { Update: { TableName: db.tableName(), Key: key, UpdateExpression: "SET n = :n", ExpressionAttributeValues: { ":n": 1 } } },
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

it("refuses posts to connections from a function not linked to the WebSocket API", async () => {
  const { tell } = await import("@chat/core/notifier");
  const unlinked = { file: "unlinked", table: ["GetItem"] } as const;
  await expect(runAs(unlinked, () => tell("any-connection=", { type: "typing", member: { id: "m", name: "n" } }))).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: expect.stringMatching(/execute-api:ManageConnections/),
  });
});

it("the real send-message handler fails without the PutItem its route declares", async () => {
  const { webSocketRoutes } = await import("@chat/functions/routes");
  const { handler } = await import("@chat/functions/ws/send-message");
  const { createRoom } = await import("@chat/core/rooms");
  const { join } = await import("@chat/core/presence");
  const room = await createRoom("grants");
  await join({ connectionId: "sender=", roomId: room.id, name: "sender" });
  const event = {
    requestContext: { connectionId: "sender=", routeKey: "sendMessage" },
    body: JSON.stringify({ action: "sendMessage", data: { message: "hi" } }),
  };
  const declared = webSocketRoutes.sendMessage;
  const withoutPut = { ...declared, table: declared.table.filter((action) => action !== "PutItem") };
  await expect(withGrant("send-message", withoutPut, handler as never)(event, context)).rejects.toMatchObject({
    name: "AccessDeniedException",
  });
});
