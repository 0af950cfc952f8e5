import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import * as v from "valibot";
import { deferred } from "./deferred";
import {
  countOf,
  EventSourceMapping,
  type PolledQueue,
  type QueuedMessage,
  type QueueSubscription,
  recordBytes,
} from "./event-source-mapping";
import { listen } from "./ports";
import {
  ACCOUNT_ID,
  type AcceptedMessage,
  handleSqsRequest,
  MAX_MESSAGE_BYTES,
  REGION,
  type SqsQueue,
  type SqsQueues,
} from "./sqs-protocol";

export type { QueueSubscription };

// Amazon SQS standard queues, locally: the SQS JSON protocol for senders (sqs-protocol.ts),
// and Lambda's event source mapping for the queues' subscribers (event-source-mapping.ts).
// Messages live in memory only, and are kept until delivered (no retention period).

export interface QueueDefinition {
  name: string;
  /** Seconds a received message stays invisible; a failed one comes back after it. */
  visibilityTimeoutSeconds: number;
  /** Redrive policy: after this many receives a failing message goes to the dead letters (logged). Absent: retried forever. */
  maxReceiveCount?: number;
  subscription?: QueueSubscription;
}

export interface QueueStats {
  sent: number;
  /** Invocations of the subscriber. */
  invocations: number;
  /** Records handed to the subscriber, redeliveries included. */
  delivered: number;
  /** Records that failed and were made visible again. */
  retried: number;
  deadLettered: number;
  /** Visible, waiting for a receive (ApproximateNumberOfMessages). */
  waiting: number;
  /** Received and not yet deleted, including failed ones waiting out the visibility timeout (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  /** Sent with a delay that has not yet passed (ApproximateNumberOfMessagesDelayed). */
  delayed: number;
}

export interface QueueEmulator {
  /** http://127.0.0.1:<port> — what AWS_ENDPOINT_URL_SQS is set to. */
  endpoint: string;
  /** The queue's URL, `${endpoint}/000000000000/${name}` (account id as in AWS's URLs). */
  queueUrl(name: string): string;
  /** The queue's ARN, arn:aws:sqs:us-east-1:000000000000:<name>. */
  queueArn(name: string): string;
  /** Counts per queue, for tests and the bench. */
  stats(name: string): QueueStats;
  /**
   * Resolves once no message is waiting, delayed or in flight on any queue (a queue
   * without a subscription holds its messages: it drains only while empty). Rejects if
   * the emulator stops first.
   */
  drained(): Promise<void>;
  /** Stops polling, waits for the invocations in flight (their results applied), then closes the port. */
  stop(): Promise<void>;
}

// AWS's own ranges, so that a definition that would not deploy does not run locally either.
// Seconds may be fractional here (AWS takes whole seconds), for short tests.
const Subscription = v.pipe(
  v.object({
    subscriber: v.custom<QueueSubscription["subscriber"]>(
      (value) => typeof (value as { invoke?: unknown } | undefined)?.invoke === "function",
      "must have an invoke function",
    ),
    batchSize: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
    batchingWindowSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(300)),
    maxConcurrency: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(2, "must be 2 to 1000, Lambda's range for ScalingConfig.MaximumConcurrency"),
      v.maxValue(1000, "must be 2 to 1000, Lambda's range for ScalingConfig.MaximumConcurrency"),
    ),
    reportBatchItemFailures: v.boolean(),
  }),
  v.check(
    (subscription) => subscription.batchSize <= 10 || subscription.batchingWindowSeconds >= 1,
    "a batchSize over 10 needs a batchingWindowSeconds of at least 1 (as Lambda requires)",
  ),
);

const Definition = v.object({
  name: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{1,80}$/, "a standard queue's name is 1 to 80 letters, digits, hyphens or underscores"),
  ),
  visibilityTimeoutSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(43_200)),
  maxReceiveCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  subscription: v.optional(Subscription),
});

function checkDefinitions(queues: QueueDefinition[]): QueueDefinition[] {
  const names = new Set<string>();
  for (const [index, queue] of queues.entries()) {
    const result = v.safeParse(Definition, queue);
    if (!result.success) {
      const issue = result.issues[0];
      throw new Error(`bad queue definition ${queue?.name ?? index}: ${v.getDotPath(issue) ?? ""} ${issue.message}`);
    }
    if (names.has(queue.name)) throw new Error(`bad queue definition ${queue.name}: the name is used twice`);
    names.add(queue.name);
  }
  return queues;
}

interface StoredMessage extends QueuedMessage {
  receiptHandle: string;
  receiveCount: number;
  firstReceiveTimestamp: number | undefined;
  visibleSince: number;
  /** performance.now() of the latest receive: the visibility timeout runs from there. */
  receivedAt: number;
  /** The pending delay or visibility timeout. */
  timer: NodeJS.Timeout | undefined;
}

/** One standard queue: its messages, visible, delayed or in flight, and its counts. */
class LocalQueue implements PolledQueue, SqsQueue {
  readonly arn: string;
  sent = 0;
  retried = 0;
  deadLettered = 0;
  private readonly waiting: StoredMessage[] = [];
  private readonly delayed = new Set<StoredMessage>();
  private readonly inFlight = new Set<StoredMessage>();
  private readonly createdTimestamp = Math.floor(Date.now() / 1000);

  constructor(
    private readonly definition: QueueDefinition,
    private readonly on: {
      /** Messages became visible. */
      visible: () => void;
      /** Messages left the queue (deleted or dead-lettered). */
      removed: () => void;
      log: (line: string) => void;
    },
  ) {
    this.arn = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${definition.name}`;
  }

  get name() {
    return this.definition.name;
  }

  get visible(): readonly QueuedMessage[] {
    return this.waiting;
  }

  get isEmpty() {
    return this.waiting.length === 0 && this.delayed.size === 0 && this.inFlight.size === 0;
  }

  send(message: AcceptedMessage): string {
    const stored: StoredMessage = {
      messageId: randomUUID(),
      message,
      sentTimestamp: Date.now(),
      receiptHandle: "",
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      visibleSince: 0,
      recordBytes: recordBytes(message),
      receivedAt: 0,
      timer: undefined,
    };
    this.sent++;
    if (message.delaySeconds > 0) {
      this.delayed.add(stored);
      stored.timer = this.after(message.delaySeconds * 1000, () => {
        this.delayed.delete(stored);
        this.makeVisible(stored);
      });
    } else {
      this.makeVisible(stored);
    }
    return stored.messageId;
  }

  receive(count: number): QueuedMessage[] {
    const received = this.waiting.splice(0, count);
    const now = Date.now();
    const receivedAt = performance.now();
    for (const message of received) {
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.receiptHandle = randomBytes(64).toString("base64");
      message.receivedAt = receivedAt;
      this.inFlight.add(message);
    }
    return received;
  }

  delete(messages: readonly QueuedMessage[]) {
    for (const message of messages as readonly StoredMessage[]) this.inFlight.delete(message);
    if (messages.length) this.on.removed();
  }

  release(released: readonly QueuedMessage[]) {
    const { maxReceiveCount, visibilityTimeoutSeconds } = this.definition;
    // This queue handed them out: they are its own StoredMessages.
    const messages = released as readonly StoredMessage[];
    // SQS moves a message to the dead-letter queue on the receive past maxReceiveCount; it is
    // never delivered again either way, so it goes now rather than after its timeout.
    const isDeadLetter = (message: StoredMessage) =>
      maxReceiveCount !== undefined && message.receiveCount >= maxReceiveCount;
    const deadLetters = messages.filter(isDeadLetter);
    const retried = messages.filter((message) => !isDeadLetter(message));
    if (retried.length) {
      this.retried += retried.length;
      // Received together, so visible again together: one timer for the lot.
      const visibleAt = Math.max(...retried.map((message) => message.receivedAt)) + visibilityTimeoutSeconds * 1000;
      const timer = this.after(visibleAt - performance.now(), () => {
        for (const message of retried) {
          this.inFlight.delete(message);
          this.makeVisible(message);
        }
      });
      for (const message of retried) message.timer = timer;
    }
    if (deadLetters.length) {
      for (const message of deadLetters) this.inFlight.delete(message);
      this.deadLettered += deadLetters.length;
      this.on.log(
        `[sqs] ${this.name}: ${countOf(deadLetters.length, "record")} dead-lettered after ${maxReceiveCount} receives`,
      );
      this.on.removed();
    }
  }

  counts() {
    return { waiting: this.waiting.length, inFlight: this.inFlight.size, delayed: this.delayed.size };
  }

  attributes(): Record<string, string> {
    const { waiting, inFlight, delayed } = this.counts();
    return {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(waiting),
      ApproximateNumberOfMessagesNotVisible: String(inFlight),
      ApproximateNumberOfMessagesDelayed: String(delayed),
      CreatedTimestamp: String(this.createdTimestamp),
      LastModifiedTimestamp: String(this.createdTimestamp),
      VisibilityTimeout: String(this.definition.visibilityTimeoutSeconds),
      MaximumMessageSize: String(MAX_MESSAGE_BYTES),
      MessageRetentionPeriod: "345600",
      DelaySeconds: "0",
      ReceiveMessageWaitTimeSeconds: "0",
    };
  }

  /** Forgets every message (the emulator stopped); returns how many there were. */
  clear(): number {
    const held = [...this.waiting, ...this.delayed, ...this.inFlight];
    for (const message of held) clearTimeout(message.timer);
    this.waiting.length = 0;
    this.delayed.clear();
    this.inFlight.clear();
    return held.length;
  }

  private makeVisible(message: StoredMessage) {
    message.timer = undefined;
    message.visibleSince = performance.now();
    this.waiting.push(message);
    this.on.visible();
  }

  /** Delays and visibility timeouts do not keep the process alive on their own. */
  private after(ms: number, run: () => void) {
    return setTimeout(run, Math.max(0, ms)).unref();
  }
}

const stoppedBeforeDrained = () => new Error("the queue emulator stopped before its queues drained");

/** Starts the queues and their event source mappings behind one SQS endpoint on 127.0.0.1. */
export async function startQueueEmulator(options: {
  /** 0 picks a free port; `endpoint` says which. */
  port: number;
  queues: QueueDefinition[];
  /** Where dead letters and failed batches are reported (default: console.log). */
  log?: (line: string) => void;
}): Promise<QueueEmulator> {
  const log = options.log ?? ((line: string) => console.log(line));
  const waitingForDrain = new Set<ReturnType<typeof deferred<void>>>();
  const queues = new Map<string, { queue: LocalQueue; mapping: EventSourceMapping | undefined }>();
  const allEmpty = () => [...queues.values()].every(({ queue }) => queue.isEmpty);

  for (const definition of checkDefinitions(options.queues)) {
    let mapping: EventSourceMapping | undefined;
    const queue = new LocalQueue(definition, {
      visible: () => mapping?.schedulePoll(),
      removed: () => {
        if (!allEmpty()) return;
        for (const waiter of waitingForDrain) waiter.resolve();
        waitingForDrain.clear();
      },
      log,
    });
    if (definition.subscription) mapping = new EventSourceMapping(queue, definition.subscription, log);
    queues.set(definition.name, { queue, mapping });
  }

  const named = (name: string) => {
    const found = queues.get(name);
    if (!found) throw new Error(`no queue named ${name}`);
    return found;
  };
  let endpoint = "";
  const queueUrl = (name: string) => `${endpoint}/${ACCOUNT_ID}/${named(name).queue.name}`;
  const directory: SqsQueues = { find: (name) => queues.get(name)?.queue, url: queueUrl };

  const server = createServer((request, response) => {
    handleSqsRequest(request, response, directory).catch((error: unknown) => {
      // A client gone mid-request, or a fault of the emulator's own: logged, never thrown.
      log(`[sqs] request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/x-amz-json-1.0" });
      response.end();
    });
  });
  endpoint = `http://127.0.0.1:${await listen(server, options.port)}`;

  let stopping: Promise<void> | undefined;
  let stopped = false;
  async function stop() {
    await Promise.all([...queues.values()].map(({ mapping }) => mapping?.stop()));
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
    for (const { queue } of queues.values()) {
      const dropped = queue.clear();
      if (dropped) log(`[sqs] ${queue.name}: stopped with ${countOf(dropped, "message")} not delivered`);
    }
    stopped = true;
    for (const waiter of waitingForDrain) waiter.reject(stoppedBeforeDrained());
    waitingForDrain.clear();
  }

  return {
    endpoint,
    queueUrl,
    queueArn: (name) => named(name).queue.arn,
    stats(name) {
      const { queue, mapping } = named(name);
      const { waiting, inFlight, delayed } = queue.counts();
      return {
        sent: queue.sent,
        invocations: mapping?.invocations ?? 0,
        delivered: mapping?.delivered ?? 0,
        retried: queue.retried,
        deadLettered: queue.deadLettered,
        waiting,
        inFlight,
        delayed,
      };
    },
    drained() {
      if (allEmpty()) return Promise.resolve();
      if (stopped) return Promise.reject(stoppedBeforeDrained());
      const waiter = deferred<void>();
      waitingForDrain.add(waiter);
      return waiter.promise;
    },
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
