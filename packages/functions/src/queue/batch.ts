import type { QueuedRecord } from "@chat/core/queue-messages";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";

/**
 * A queue subscriber's handler: the use case gets the batch's records and
 * returns the ids of those to retry, which the event source mapping (with
 * partial batch responses on) puts back on the queue.
 */
export const batchHandler =
  (useCase: (records: QueuedRecord[]) => Promise<string[]>) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failed = await useCase(event.Records);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
