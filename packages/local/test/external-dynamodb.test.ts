import { randomUUID } from "node:crypto";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { freePort } from "@chat/local/ports";
import { httpClient } from "@chat/test-support/http";
import { onFreePorts } from "@chat/test-support/ports";
import { failedStart, launchApis, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, expect, inject, it } from "vitest";
import { LOCAL_REGION, localCredentials } from "../src/aws-env";
import { childrenOf } from "./support/processes";

// `npm start` with DYNAMODB_ENDPOINT: the runtime uses a DynamoDB that is already running
// (here the integration project's DynamoDB Local) instead of starting one, makes its table
// there, and a second start finds what the first stored.
const dynamoEndpoint = inject("dynamoEndpoint");
const tableName = `external-${randomUUID()}`;
const started: RuntimeProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((runtime) => runtime.stop()));
});

const launchOn = (endpoint: string, table: string) =>
  onFreePorts(["API_PORT", "WS_PORT"], (ports) =>
    launchApis({ ...ports, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: table }),
  );

const startOnExistingDynamoDb = async () => {
  const { started: runtime, env } = await launchOn(dynamoEndpoint, tableName);
  started.push(runtime);
  return { runtime, api: httpClient(`http://127.0.0.1:${env.API_PORT}`), wsUrl: `ws://127.0.0.1:${env.WS_PORT}` };
};

/** The output of a start that must fail (one that started after all is stopped, and fails the test). */
const failedStartOn = async (endpoint: string, table: string) =>
  (await failedStart(launchOn(endpoint, table).then(({ started }) => started))).output.trim();

it("runs on a DynamoDB that is already running, in a table of its own, and starts no DynamoDB Local", {
  timeout: 90_000,
}, async () => {
  const first = await startOnExistingDynamoDb();
  expect(first.runtime.output()).toContain(`DynamoDB       ${dynamoEndpoint}  (already running; table ${tableName})`);
  expect(childrenOf(first.runtime.pid).filter((child) => child.command.includes("DynamoDBLocal.jar"))).toEqual([]);
  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe("ACTIVE");
  } finally {
    dynamo.destroy();
  }

  const room = await first.api.createRoom("kept elsewhere");
  const ann = await ChatClient.connect(first.wsUrl, { roomId: room.id, name: "Ann" });
  ann.sendMessage("stored in your DynamoDB", "c-1");
  expect((await ann.nextOfType("message")).message.text).toBe("stored in your DynamoDB");
  await ann.close();
  expect(await first.runtime.stop()).toBe(0);
  expect(first.runtime.output()).toContain(`stopped; rooms and messages are kept in table ${tableName} of`);

  const second = await startOnExistingDynamoDb();
  const history = (await second.api.get(`/rooms/${room.id}/messages`)).body.messages;
  expect(history.map((message: { text: string }) => message.text)).toEqual(["stored in your DynamoDB"]);
});

it("refuses a table of the same name whose keys are not this app's, and an endpoint that does not answer", async () => {
  const foreign = `foreign-${randomUUID()}`;
  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: foreign,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
  } finally {
    dynamo.destroy();
  }
  expect(await failedStartOn(dynamoEndpoint, foreign)).toMatch(
    new RegExp(`^table ${foreign} exists but is not this app's \\(missing table pk:HASH,sk:RANGE; gsi1 `),
  );
  const nobody = `http://127.0.0.1:${await freePort()}`;
  expect(await failedStartOn(nobody, tableName)).toMatch(
    new RegExp(`^could not use DynamoDB at ${nobody}: .*ECONNREFUSED`),
  );
});
