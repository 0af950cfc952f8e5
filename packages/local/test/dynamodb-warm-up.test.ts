import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, expect, inject, it } from "vitest";
import { LOCAL_REGION, localCredentials } from "../src/aws-env";
import { warmUpDynamoDb } from "../src/dynamodb-warm-up";
import { ensureTable } from "../src/table";
import { WARM_UP_TABLE } from "../src/warm-up-table";

// The warm-up runs the chat's kinds of request (with the condition failures and cancelled
// transactions they meet) on a scratch table, and leaves no table behind, also when a killed
// warm-up left one.
const endpoint = inject("dynamoEndpoint");
const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
afterAll(() => client.destroy());

const tables = async () => (await client.send(new ListTablesCommand({}))).TableNames ?? [];

it("runs every kind of request, expected failures included, and deletes its table, also one left over", async () => {
  await ensureTable(endpoint, WARM_UP_TABLE);
  await DynamoDBDocumentClient.from(client).send(
    new PutCommand({ TableName: WARM_UP_TABLE, Item: { pk: "LEFT", sk: "OVER" } }),
  );
  // Eight rounds: every one of the rounds' conditional branches happens at least twice.
  await warmUpDynamoDb(endpoint, 8);
  expect(await tables()).not.toContain(WARM_UP_TABLE);
});

it("rejects when DynamoDB does not answer", async () => {
  await expect(warmUpDynamoDb("http://127.0.0.1:9", 1)).rejects.toThrow();
});
