// `npm run bench:dynamodb-kill`: whether DynamoDB Local keeps what it acknowledged when its java
// is ended by a signal. One writer sends writes back to back (as a sender's messages go: each
// a TransactWriteItems, a rate-limit update and the message's put); the java is signalled at a
// random moment just after an acknowledgement, started again on the same files, and every
// acknowledged item is looked for. Each case runs `--rounds` times on one data folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import {
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { LOCAL_REGION, localCredentials } from "@chat/local/aws-env";
import { type DynamoDbLocal, startDynamoDbLocal } from "@chat/local/dynamodb-local";
import { freePort } from "@chat/local/ports";
import { ensureTable } from "@chat/local/table";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "24" } } });
const rounds = Number(values.rounds);
const TABLE = "kill_check";

interface Case {
  signal: NodeJS.Signals;
  write: "transaction" | "put";
  /** Whether a write is under way when the signal is sent (else the writer stops first). */
  underWay: boolean;
}

const cases: Case[] = [
  { signal: "SIGKILL", write: "transaction", underWay: true },
  { signal: "SIGTERM", write: "transaction", underWay: true },
  { signal: "SIGKILL", write: "transaction", underWay: false },
  { signal: "SIGKILL", write: "put", underWay: true },
];

function write(client: DynamoDBClient, kind: Case["write"], sk: string): Promise<unknown> {
  const put = { TableName: TABLE, Item: { pk: { S: "room" }, sk: { S: sk }, text: { S: "x".repeat(50) } } };
  if (kind === "put") return client.send(new PutItemCommand(put));
  return client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: TABLE,
            Key: { pk: { S: "connection" }, sk: { S: "cell" } },
            UpdateExpression: "SET tat = :now",
            ConditionExpression: "attribute_not_exists(tat) OR tat < :now",
            ExpressionAttributeValues: { ":now": { N: String(performance.timeOrigin + performance.now()) } },
          },
        },
        { Put: put },
      ],
    }),
  );
}

async function storedKeys(client: DynamoDBClient): Promise<Set<string>> {
  const keys = new Set<string>();
  let start: QueryCommandOutput["LastEvaluatedKey"];
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": { S: "room" } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) keys.add(item.sk!.S!);
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** Runs one case; returns how many rounds lost an acknowledged write, and whether each loss was that round's last acknowledgement. */
async function run(testCase: Case): Promise<{ lossyRounds: number; onlyTheLast: boolean }> {
  const dataDir = mkdtempSync(join(tmpdir(), "dynamodb-kill-"));
  const port = await freePort();
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: LOCAL_REGION,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  let dynamo: DynamoDbLocal = await startDynamoDbLocal({ port, dataDir });
  let lossyRounds = 0;
  let onlyTheLast = true;
  try {
    // The app's own table shape (infra/storage.ts), created as the runtime creates it.
    await ensureTable(dynamo.endpoint, TABLE);
    for (let round = 0; round < rounds; round++) {
      const acknowledged: string[] = [];
      let writing = true;
      const writer = (async () => {
        for (let seq = 0; writing; seq++) {
          const sk = `${round}/${String(seq).padStart(4, "0")}`;
          try {
            await write(client, testCase.write, sk);
            acknowledged.push(sk);
          } catch {
            await sleep(20);
          }
        }
      })();
      const target = 5 + Math.floor(Math.random() * 20);
      while (acknowledged.length < target) await sleep(1);
      if (!testCase.underWay) {
        writing = false;
        await writer;
      }
      await sleep(Math.random() * 30);
      process.kill(dynamo.pid, testCase.signal);
      writing = false;
      await Promise.all([writer, dynamo.ended]);
      dynamo = await startDynamoDbLocal({ port, dataDir });
      const stored = await storedKeys(client);
      const lost = acknowledged.filter((sk) => !stored.has(sk));
      if (lost.length > 0) lossyRounds += 1;
      if (lost.length > 1 || (lost.length === 1 && lost[0] !== acknowledged.at(-1))) onlyTheLast = false;
    }
  } finally {
    await dynamo.stop();
    client.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { lossyRounds, onlyTheLast };
}

async function main() {
  console.log(
    `| signal | writes | a write under way | signals that lost an acknowledged write | each loss the last acknowledged |`,
  );
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const testCase of cases) {
    const { lossyRounds, onlyTheLast } = await run(testCase);
    console.log(
      `| ${testCase.signal} | ${testCase.write === "put" ? "PutItem" : "TransactWriteItems"} | ${testCase.underWay ? "yes" : "no"} | ${lossyRounds} of ${rounds} | ${lossyRounds === 0 ? "–" : onlyTheLast ? "yes" : "no"} |`,
    );
  }
}

await main();
