import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { QUEUE_MAX_MESSAGE_BYTES } from "./queue-limits";

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
 * The bodies in SendMessageBatch requests: at most 10 each, and at most QUEUE_MAX_MESSAGE_BYTES
 * in all (what a batch could hold before SQS's 1 MiB, and may on a queue of 256 KiB).
 */
export function inBatches(bodies: string[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(body);
    if (batch.length === BATCH_ENTRIES || (batch.length > 0 && bytes + size > QUEUE_MAX_MESSAGE_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(body);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Sends each body as one message, in batches (inBatches) side by side, each
 * delivered after `delaySeconds` (0–900). An entry the queue failed is sent
 * once more; a second failure throws, so the caller's invocation fails rather
 * than dropping a notice.
 */
export async function sendAll(queueUrl: string, bodies: string[], delaySeconds = 0): Promise<void> {
  await Promise.all(inBatches(bodies).map((batch) => sendBatch(queueUrl, batch, delaySeconds, 2)));
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
