/**
 * The largest message the app's queues take (infra/queues.ts sets it; the local SQS keeps it):
 * the most pulumi-aws 6.66 lets a queue have, and its default. SQS itself now allows 1 MiB.
 * (A module of its own: sst.config.ts imports it, and must not import the AWS SDK.)
 */
export const QUEUE_MAX_MESSAGE_BYTES = 262_144;
