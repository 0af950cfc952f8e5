import type { SQSEvent, SQSMessageAttributes, SQSRecord } from "aws-lambda";
import * as v from "valibot";
import { MAX_EVENT_BYTES } from "./invocation";
import type { LambdaFunction } from "./lambda";
import { ACCOUNT_ID, type AcceptedMessage, REGION } from "./sqs-protocol";

// Lambda's event source mapping for a standard queue: it gathers the queue's records into
// batches and invokes the function with them, deleting what succeeded.

// A record's fields besides its body and attributes (ids, receipt handle, hashes, ARN, keys),
// rounded up: batches are sized by this estimate, not by serializing each record twice.
const RECORD_OVERHEAD_BYTES = 1024;
const EVENT_ENVELOPE_BYTES = '{"Records":[]}'.length;

export interface QueueSubscription {
  subscriber: Pick<LambdaFunction, "invoke">;
  /** Most records per invocation (the event source mapping's BatchSize). */
  batchSize: number;
  /** MaximumBatchingWindowInSeconds: how long to gather records before invoking (0: as soon as any are there). */
  batchingWindowSeconds: number;
  /** ScalingConfig.MaximumConcurrency: most invocations of this mapping at once. */
  maxConcurrency: number;
  /** FunctionResponseTypes ReportBatchItemFailures: the result's batchItemFailures are the only records retried. */
  reportBatchItemFailures: boolean;
}

/** A message on a queue, as the mapping receives it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly message: AcceptedMessage;
  /** Epoch milliseconds. */
  readonly sentTimestamp: number;
  /** Of the latest receive; a new one each time. */
  readonly receiptHandle: string;
  readonly receiveCount: number;
  /** Epoch milliseconds; undefined until the first receive. */
  readonly firstReceiveTimestamp: number | undefined;
  /** When it last became visible (performance.now()): the batching window starts there. */
  readonly visibleSince: number;
  /** About how many bytes its record adds to an invocation's payload. */
  readonly recordBytes: number;
}

/** What the mapping needs of a queue. */
export interface PolledQueue {
  readonly name: string;
  readonly arn: string;
  /** The visible messages, longest visible first. */
  readonly visible: readonly QueuedMessage[];
  /**
   * Receives the first `count` visible messages: they are in flight until deleted or
   * released, however long their invocation runs (SQS would make them visible again once
   * the visibility timeout passed, and a second invocation could get them meanwhile).
   */
  receive(count: number): QueuedMessage[];
  delete(messages: readonly QueuedMessage[]): void;
  /** Failed messages: visible again after the visibility timeout, or dead-lettered past maxReceiveCount. */
  release(messages: readonly QueuedMessage[]): void;
}

/** The estimate of a message's record size that batches are capped by. */
export function recordBytes(message: AcceptedMessage): number {
  const attributes = JSON.stringify(lambdaAttributes(message.messageAttributes));
  return Buffer.byteLength(JSON.stringify(message.body)) + Buffer.byteLength(attributes) + RECORD_OVERHEAD_BYTES;
}

// The result Lambda reads with ReportBatchItemFailures; nothing at all (or no list) is a success.
const BatchResponse = v.nullish(
  v.object({
    batchItemFailures: v.nullish(v.array(v.object({ itemIdentifier: v.pipe(v.string(), v.nonEmpty()) }))),
  }),
);

export class EventSourceMapping {
  /** Invocations started. */
  invocations = 0;
  /** Records handed to the subscriber, redeliveries included. */
  delivered = 0;
  private readonly running = new Set<Promise<void>>();
  private windowTimer: NodeJS.Timeout | undefined;
  private pollScheduled = false;
  private stopped = false;

  constructor(
    private readonly queue: PolledQueue,
    private readonly subscription: QueueSubscription,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Looks for a batch once the current task is done, so that the messages of one
   * SendMessageBatch (or of one settled invocation's wait) are gathered together.
   */
  schedulePoll() {
    if (this.pollScheduled || this.stopped) return;
    this.pollScheduled = true;
    queueMicrotask(() => {
      this.pollScheduled = false;
      this.poll();
    });
  }

  /** Stops starting invocations, and waits for those in flight to be settled. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.windowTimer);
    await Promise.all(this.running);
  }

  private poll() {
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    const { batchSize, batchingWindowSeconds, maxConcurrency } = this.subscription;
    // While every slot is busy, records keep gathering: the next batch may be full.
    while (!this.stopped && this.running.size < maxConcurrency) {
      const visible = this.queue.visible;
      if (visible.length === 0) return;
      const count = this.batchLength(visible);
      const full = count === batchSize || count < visible.length;
      const windowLeft = visible[0]!.visibleSince + batchingWindowSeconds * 1000 - performance.now();
      if (!full && windowLeft > 0) {
        // The window must not keep the process alive on its own.
        this.windowTimer = setTimeout(() => this.poll(), windowLeft).unref();
        return;
      }
      this.invoke(this.queue.receive(count));
    }
  }

  /** How many of the visible messages the next batch takes: up to batchSize, within the payload limit. */
  private batchLength(visible: readonly QueuedMessage[]): number {
    let bytes = EVENT_ENVELOPE_BYTES;
    let count = 0;
    for (const message of visible) {
      if (count === this.subscription.batchSize) break;
      bytes += message.recordBytes + 1;
      // Lambda refuses an event past MAX_EVENT_BYTES (invocation.ts): a batch stops short of it.
      // One record always fits: a message is at most 1 MiB.
      if (count > 0 && bytes > MAX_EVENT_BYTES) break;
      count++;
    }
    return count;
  }

  private invoke(messages: QueuedMessage[]) {
    this.invocations++;
    this.delivered += messages.length;
    const event: SQSEvent = { Records: messages.map((message) => lambdaRecord(message, this.queue.arn)) };
    const run: Promise<void> = Promise.resolve()
      .then(() => this.subscription.subscriber.invoke(event))
      .then(
        (result) => this.settle(messages, result),
        (error: unknown) => this.fail(messages, errorText(error)),
      )
      .catch((error: unknown) => this.log(`[sqs] ${this.queue.name}: settling a batch failed: ${errorText(error)}`))
      .finally(() => {
        this.running.delete(run);
        this.schedulePoll();
      });
    this.running.add(run);
  }

  private settle(messages: QueuedMessage[], result: unknown) {
    if (!this.subscription.reportBatchItemFailures) return this.queue.delete(messages);
    const failedIds = reportedFailures(result, messages);
    // As Lambda does: a response it cannot read, or one naming a record not in the batch, fails the batch.
    if (!failedIds) {
      this.fail(messages, "its batchItemFailures were malformed or named records not in the batch");
      return;
    }
    this.queue.delete(messages.filter((message) => !failedIds.has(message.messageId)));
    this.queue.release(messages.filter((message) => failedIds.has(message.messageId)));
  }

  private fail(messages: QueuedMessage[], reason: string) {
    this.log(`[sqs] ${this.queue.name}: a batch of ${countOf(messages.length, "record")} failed: ${reason}`);
    this.queue.release(messages);
  }
}

/** The messageIds a ReportBatchItemFailures result names, or undefined when Lambda would reject it. */
function reportedFailures(result: unknown, messages: readonly QueuedMessage[]): Set<string> | undefined {
  const parsed = v.safeParse(BatchResponse, result);
  if (!parsed.success) return undefined;
  const named = new Set((parsed.output?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  const inBatch = new Set(messages.map((message) => message.messageId));
  return [...named].every((id) => inBatch.has(id)) ? named : undefined;
}

/** A record of Lambda's SQS event, strings as AWS sends them. */
function lambdaRecord(queued: QueuedMessage, eventSourceARN: string): SQSRecord {
  const { message } = queued;
  return {
    messageId: queued.messageId,
    receiptHandle: queued.receiptHandle,
    body: message.body,
    attributes: {
      ...(message.awsTraceHeader === undefined ? {} : { AWSTraceHeader: message.awsTraceHeader }),
      ApproximateReceiveCount: String(queued.receiveCount),
      SentTimestamp: String(queued.sentTimestamp),
      // The sender's principal id in AWS; locally, the account.
      SenderId: ACCOUNT_ID,
      ApproximateFirstReceiveTimestamp: String(queued.firstReceiveTimestamp),
    },
    messageAttributes: lambdaAttributes(message.messageAttributes),
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: message.md5OfMessageAttributes }),
    eventSource: "aws:sqs",
    eventSourceARN,
    awsRegion: REGION,
  };
}

function lambdaAttributes(attributes: AcceptedMessage["messageAttributes"]): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
        ...(value.BinaryValue === undefined ? {} : { binaryValue: value.BinaryValue }),
        stringListValues: [],
        binaryListValues: [],
        dataType: value.DataType,
      },
    ]),
  );
}

/** "1 record", "3 records": counts for the log. */
export const countOf = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
