// DynamoDB Local is a JVM: its first few hundred requests of each kind run in
// the interpreter, then wait for the JIT, and cost about twice what they cost
// later. DynamoDB itself has no such start. So once `npm start` is ready (in
// the background: main.ts), and before the bench measures anything, the kinds
// of request the chat makes (transactions with conditions, queries of a room,
// conditional updates that pass and fail, puts, gets, deletes) are run against
// a scratch table of the app's shape, which is then deleted: the first many
// users are served by code already compiled.
import {
  ConditionalCheckFailedException,
  DeleteTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import pLimit from "p-limit";
import { LOCAL_REGION, localCredentials } from "./aws-env";
import { ensureTable } from "./table";
import { WARM_UP_TABLE } from "./warm-up-table";

// 500 connects into fresh rooms right after the start cost DynamoDB Local 3.2–3.5 s
// of CPU after 100 rounds, 3.2–3.4 s after 240, 5.0–5.1 s with no warm-up.
const ROUNDS = 100;
const IN_FLIGHT = 8;
const ROOMS = 4;

/** Runs the warm-up on the DynamoDB at `endpoint`; the scratch table is gone when it resolves. */
export async function warmUpDynamoDb(endpoint: string, rounds = ROUNDS): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials, maxAttempts: 1 });
  const db = DynamoDBDocumentClient.from(client);
  try {
    // A table left by a warm-up that was killed would have other items in it.
    await deleteTable(client);
    await ensureTable(endpoint, WARM_UP_TABLE);
    await Promise.all(
      Array.from({ length: ROOMS }, (_, room) =>
        db.send(new PutCommand({ TableName: WARM_UP_TABLE, Item: { pk: `ROOM#${room}`, sk: "ROOM", members: 0 } })),
      ),
    );
    await pLimit(IN_FLIGHT).map(
      Array.from({ length: rounds }, (_, round) => round),
      (round) => oneOfEach(db, round),
    );
  } finally {
    await deleteTable(client).finally(() => client.destroy());
  }
}

/** A round: what a connect, a message, a presence turn and a leave send. */
async function oneOfEach(db: DynamoDBDocumentClient, round: number) {
  const TableName = WARM_UP_TABLE;
  const pk = `ROOM#${round % ROOMS}`;
  const sk = `MEMBER#${round}`;
  const now = Date.now();
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: { pk, sk: "ROOM" },
            UpdateExpression: "SET members = members + :one, changedAt = :now REMOVE expiresAt",
            ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)",
            ExpressionAttributeValues: { ":one": 1, ":now": now },
          },
        },
        { Put: { TableName, Item: { pk, sk, name: `member ${round}`, connectedAt: new Date(now).toISOString() } } },
        { Put: { TableName, Item: { pk: `CONNECTION#${round}`, sk: "CONNECTION", roomId: pk, expiresAt: now } } },
      ],
    }),
  );
  await db.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :member)",
      ExpressionAttributeValues: { ":pk": pk, ":member": "MEMBER#" },
      Limit: 25,
    }),
  );
  await db.send(
    new PutCommand({
      TableName,
      Item: { pk, sk: `MESSAGE#${now}#${round}`, text: "warm", gsi1pk: "ROOMS", gsi1sk: `${now}#${round}` },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  await db.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :message)",
      ExpressionAttributeValues: { ":pk": pk, ":message": "MESSAGE#" },
      ScanIndexForward: false,
      Limit: 50,
    }),
  );
  await db.send(
    new QueryCommand({
      TableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :rooms",
      ExpressionAttributeValues: { ":rooms": "ROOMS" },
      ScanIndexForward: false,
      Limit: 20,
    }),
  );
  // Half of these find the condition false, as a presence turn's claim often does.
  await db
    .send(
      new UpdateCommand({
        TableName,
        Key: { pk, sk: "ROOM" },
        UpdateExpression: "SET nextAt = :until",
        ConditionExpression: "attribute_not_exists(nextAt) OR nextAt <= :now",
        ExpressionAttributeValues: { ":now": round % 2 === 0 ? now + 60_000 : 0, ":until": now + 1000 },
        ReturnValues: "ALL_OLD",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    )
    .catch(ignoring(ConditionalCheckFailedException));
  await db.send(new GetCommand({ TableName, Key: { pk: `CONNECTION#${round}`, sk: "CONNECTION" } }));
  await db
    .send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName, Key: { pk, sk }, ConditionExpression: "attribute_exists(pk)" } },
          {
            Update: {
              TableName,
              Key: { pk, sk: "ROOM" },
              UpdateExpression: "SET members = members - :one",
              // A cancelled transaction on every fourth round.
              ConditionExpression: round % 4 === 0 ? "members < :one" : "members >= :one",
              ExpressionAttributeValues: { ":one": 1 },
            },
          },
        ],
      }),
    )
    .catch(ignoring(TransactionCanceledException));
  await db.send(new DeleteCommand({ TableName, Key: { pk: `CONNECTION#${round}`, sk: "CONNECTION" } }));
}

const ignoring =
  (kind: new (...args: never[]) => Error) =>
  (error: unknown): undefined => {
    if (error instanceof kind) return undefined;
    throw error;
  };

async function deleteTable(client: DynamoDBClient) {
  await client.send(new DeleteTableCommand({ TableName: WARM_UP_TABLE })).catch(ignoring(ResourceNotFoundException));
}
