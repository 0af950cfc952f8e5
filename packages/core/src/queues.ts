import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";

// Built once per module. Locally the endpoint comes from AWS_ENDPOINT_URL_SQS,
// which the SDK reads itself, so this code is the same in the cloud and at home.
let client: SQSClient | undefined;
const sqs = () => {
  client ??= new SQSClient({});
  return client;
};

/** SendMessageBatch takes at most 10 entries. */
const BATCH_ENTRIES = 10;

/**
 * Sends each body as one message, 10 per request, the requests side by side,
 * each delivered after `delaySeconds` (0–900). An entry the queue failed is
 * sent once more; a second failure throws, so the caller's invocation fails
 * rather than dropping a notice. Bodies are small (notices, shards of a few
 * hundred members): 10 stay far below SQS's 1 MiB per request.
 */
export async function sendAll(queueUrl: string, bodies: string[], delaySeconds = 0): Promise<void> {
  const batches: string[][] = [];
  for (let start = 0; start < bodies.length; start += BATCH_ENTRIES) {
    batches.push(bodies.slice(start, start + BATCH_ENTRIES));
  }
  await Promise.all(batches.map((batch) => sendBatch(queueUrl, batch, delaySeconds, 2)));
}

async function sendBatch(queueUrl: string, bodies: string[], delaySeconds: number, tries: number): Promise<void> {
  const { Failed = [] } = await sqs().send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: bodies.map((body, index) => ({
        Id: String(index),
        MessageBody: body,
        ...(delaySeconds > 0 && { DelaySeconds: delaySeconds }),
      })),
    }),
  );
  if (Failed.length === 0) return;
  const failed = Failed.map((entry) => bodies[Number(entry.Id)]!);
  if (tries > 1) return sendBatch(queueUrl, failed, delaySeconds, tries - 1);
  throw new Error(`the queue refused ${Failed.length} messages: ${Failed[0]!.Code} ${Failed[0]!.Message ?? ""}`);
}
