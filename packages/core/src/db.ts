import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";

// Built once per module. Locally the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB,
// which the SDK reads itself, so this code is the same in the cloud and at home.
export const dynamo = new DynamoDBClient({});
export const db = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = () => Resource.Table.name;

type Item = Record<string, unknown>;

/**
 * Runs a Query page after page until `wanted` items passed `keep`, or the
 * partition is exhausted. Returns at most `wanted` items.
 */
export async function queryUpTo(
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
  wanted: number,
  keep: (item: Item) => boolean = () => true,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      if (!keep(item)) continue;
      items.push(item);
      if (items.length === wanted) return items;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === "ConditionalCheckFailedException";
