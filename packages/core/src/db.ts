import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { retryingConflicts, type TransactItem } from "./transactions";

// Built once per module. Locally the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB,
// which the SDK reads itself, so this code is the same in the cloud and at home.
export const dynamo = new DynamoDBClient({});
export const db = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = () => Resource.Table.name;

type Item = Record<string, unknown>;

/** At most this many pages (each at most `Limit` items) are read for one request. */
export const MAX_PAGES_PER_REQUEST = 5;

export interface QueryResult {
  /** At most `wanted` items that passed `keep`, in key order. */
  items: Item[];
  /** Items read that did not pass `keep`. */
  skipped: Item[];
  /** Set when the page budget ran out first: the key to resume after. */
  resumeAfter?: Record<string, unknown>;
}

/**
 * Runs a Query page after page until `wanted` items passed `keep`, the
 * partition is exhausted, or `maxPages` pages were read — so a request's work
 * is bounded however many items `keep` rejects (expired ones, say).
 */
export async function queryUpTo(
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
  wanted: number,
  keep: (item: Item) => boolean = () => true,
  maxPages = MAX_PAGES_PER_REQUEST,
): Promise<QueryResult> {
  const items: Item[] = [];
  const skipped: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await db.send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      if (!keep(item)) {
        skipped.push(item);
        continue;
      }
      items.push(item);
      if (items.length === wanted) return { items, skipped };
    }
    startKey = page.LastEvaluatedKey;
    if (!startKey) return { items, skipped };
  }
  return { items, skipped, resumeAfter: startKey };
}

export const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === "ConditionalCheckFailedException";

/** Sends a conditional UpdateItem on the table; false when its condition failed, so nothing changed. */
export async function updateIfCondition(input: Omit<UpdateCommandInput, "TableName">): Promise<boolean> {
  try {
    await db.send(new UpdateCommand({ ...input, TableName: tableName() }));
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
}

/** Sends one TransactWriteItems, again while a concurrent transaction holds one of its items (retryingConflicts). */
export const transactWrite = (items: TransactItem[]) =>
  retryingConflicts(() => db.send(new TransactWriteCommand({ TransactItems: items })));
