import { type QueueName, queueSubscribers } from "../packages/functions/src/routes";

// Linking a queue hands a handler its URL (Resource.<Name>.url) and nothing
// else: SST's own link would grant sqs:* on it. Sending is granted per function
// (infra/access.ts); the subscriptions get what they need from SST.
sst.Linkable.wrap(sst.aws.Queue, (queue) => ({ properties: { url: queue.url } }));

/** The app's queues (routes.ts, queueSubscribers): presence notices and fan-out shards. */
export const queues = Object.fromEntries(
  Object.entries(queueSubscribers).map(([name, subscriber]) => [
    name,
    new sst.aws.Queue(name, { visibilityTimeout: `${subscriber.visibilityTimeoutSeconds} seconds` }),
  ]),
) as Record<QueueName, sst.aws.Queue>;
