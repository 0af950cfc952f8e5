import { QUEUE_MAX_MESSAGE_BYTES } from "../packages/core/src/queue-limits";
import { type QueueName, queueSubscribers } from "../packages/functions/src/routes";

// Linking a queue hands a handler its URL (Resource.<Name>.url) and nothing
// else: SST's own link would grant sqs:* on it. Sending is granted per function
// (infra/access.ts); the subscriptions get what they need from SST.
sst.Linkable.wrap(sst.aws.Queue, (queue) => ({ properties: { url: queue.url } }));

// SQS's longest retention, so a dead letter outlives the message it was (a
// message's age counts from its first send, in its queue and then here).
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * The app's queues (routes.ts, queueSubscribers): presence notices and fan-out
 * shards, each with a dead-letter queue for what keeps failing.
 */
export const queues = Object.fromEntries(
  Object.entries(queueSubscribers).map(([name, subscriber]) => {
    const deadLetters = new sst.aws.Queue(`${name}DeadLetters`, {
      transform: {
        queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS, maxMessageSize: QUEUE_MAX_MESSAGE_BYTES },
      },
    });
    const queue = new sst.aws.Queue(name, {
      visibilityTimeout: `${subscriber.visibilityTimeoutSeconds} seconds`,
      dlq: { queue: deadLetters.arn, retry: subscriber.maxReceiveCount },
      transform: { queue: { maxMessageSize: QUEUE_MAX_MESSAGE_BYTES } },
    });
    return [name, queue];
  }),
) as Record<QueueName, sst.aws.Queue>;
