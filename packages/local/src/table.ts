import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { tableSchema } from "@chat/core/table-schema";
import { LOCAL_REGION, localCredentials } from "./aws-env";

const attributeTypes = { string: "S", number: "N", binary: "B" } as const;

const keySchema = (index: { hashKey: string; rangeKey: string }) => [
  { AttributeName: index.hashKey, KeyType: "HASH" as const },
  { AttributeName: index.rangeKey, KeyType: "RANGE" as const },
];

/** Creates the table as infra/storage.ts declares it, unless it exists already. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    if (await tableExists(client, tableName)) return;
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

async function tableExists(client: DynamoDBClient, tableName: string) {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
