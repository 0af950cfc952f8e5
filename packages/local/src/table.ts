import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { tableSchema } from "@chat/core/table-schema";
import { LOCAL_REGION, localCredentials } from "./aws-env";

const attributeTypes = { string: "S", number: "N", binary: "B" } as const;

const keySchema = (index: { hashKey: string; rangeKey: string }) => [
  { AttributeName: index.hashKey, KeyType: "HASH" as const },
  { AttributeName: index.rangeKey, KeyType: "RANGE" as const },
];

/**
 * Creates the table as infra/storage.ts declares it, unless it exists already; an existing
 * table whose keys or indexes are not this app's is refused rather than written into.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    const existing = await describeTable(client, tableName).catch((error: Error) => {
      throw new Error(`could not use DynamoDB at ${endpoint}: ${error.message}`);
    });
    if (existing) {
      assertAppKeys(existing, tableName);
      return;
    }
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: Object.entries(tableSchema.fields).map(([name, type]) => ({
          AttributeName: name,
          AttributeType: attributeTypes[type],
        })),
        KeySchema: keySchema(tableSchema.primaryIndex),
        GlobalSecondaryIndexes: Object.entries(tableSchema.globalIndexes).map(([name, index]) => ({
          IndexName: name,
          KeySchema: keySchema(index),
          Projection: { ProjectionType: "ALL" as const },
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableSchema.ttl, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}

const describeKeys = (keys: readonly KeySchemaElement[] | undefined) =>
  (keys ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(",");

function assertAppKeys(table: TableDescription, tableName: string) {
  const expected = [
    `table ${describeKeys(keySchema(tableSchema.primaryIndex))}`,
    ...Object.entries(tableSchema.globalIndexes).map(([name, index]) => `${name} ${describeKeys(keySchema(index))}`),
  ];
  const found = [
    `table ${describeKeys(table.KeySchema)}`,
    ...(table.GlobalSecondaryIndexes ?? []).map((index) => `${index.IndexName} ${describeKeys(index.KeySchema)}`),
  ];
  const missing = expected.filter((keys) => !found.includes(keys));
  if (missing.length > 0) {
    throw new Error(
      `table ${tableName} exists but is not this app's (missing ${missing.join("; ")}); use another table name`,
    );
  }
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
