import { createHash } from "node:crypto";
import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  EmptyBatchRequest,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  InvalidBatchEntryId,
  InvalidMessageContents,
  type QueueAttributeName,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  SQSServiceException,
  TooManyEntriesInBatchRequest,
  UnsupportedOperation,
} from "@aws-sdk/client-sqs";
import { QUEUE_MAX_MESSAGE_BYTES } from "@chat/core/queue-limits";
import type { SQSEvent } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deferred } from "../src/deferred";
import {
  type QueueDefinition,
  type QueueEmulator,
  type QueueSubscription,
  startQueueEmulator,
} from "../src/queue-emulator";

// The local SQS, through the AWS SDK's own client: what senders see (the JSON protocol, its
// answers and errors), and what subscribers get (Lambda's event source mapping: batches,
// windows, concurrency, retries, partial failures, dead letters).

const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MIB = 1_048_576;
const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((part) => part.stop()));
});

async function start(queues: QueueDefinition[]) {
  const logged: string[] = [];
  const emulator = await startQueueEmulator({ port: 0, queues, log: (line) => logged.push(line) });
  const sqs = new SQSClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials: LOCAL_CREDENTIALS });
  running.push(emulator, { stop: async () => sqs.destroy() });
  return { emulator, sqs, logged };
}

/**
 * A subscriber standing in for a function: it records each event, then answers with
 * `respond` (a throw is a failed invocation). `until` resolves once what it saw satisfies a
 * condition, checked as each event arrives.
 */
function fakeFunction(respond: (event: SQSEvent, call: number) => unknown = () => undefined) {
  const events: SQSEvent[] = [];
  const waiters = new Set<{ condition: () => boolean; resolve: () => void }>();
  return {
    events,
    records: () => events.flatMap((event) => event.Records),
    batchSizes: () => events.map((event) => event.Records.length),
    subscriber: {
      async invoke(event: unknown) {
        events.push(event as SQSEvent);
        for (const waiter of waiters) {
          if (!waiter.condition()) continue;
          waiters.delete(waiter);
          waiter.resolve();
        }
        return respond(event as SQSEvent, events.length);
      },
    },
    until(condition: () => boolean): Promise<void> {
      if (condition()) return Promise.resolve();
      const { promise, resolve } = deferred<void>();
      waiters.add({ condition, resolve });
      return promise;
    },
  };
}

const subscribe = (
  subscriber: QueueSubscription["subscriber"],
  settings: Partial<QueueSubscription> = {},
): QueueSubscription => ({
  subscriber,
  batchSize: 10,
  batchingWindowSeconds: 0,
  maxConcurrency: 2,
  reportBatchItemFailures: false,
  ...settings,
});

const entries = (...bodies: string[]) => bodies.map((body, index) => ({ Id: `m${index}`, MessageBody: body }));

describe("sending and delivering", () => {
  it("delivers SendMessage and SendMessageBatch to the subscriber as Lambda's SQS event", async () => {
    const fn = fakeFunction();
    const { emulator, sqs } = await start([
      { name: "events", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber) },
    ]);
    const QueueUrl = emulator.queueUrl("events");
    expect(QueueUrl).toBe(`${emulator.endpoint}/000000000000/events`);
    expect(emulator.queueArn("events")).toBe("arn:aws:sqs:us-east-1:000000000000:events");

    const body = '{"type":"presence","roomId":"r1"}';
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    expect(sent.MessageId).toMatch(UUID);
    expect(sent.MD5OfMessageBody).toBe(md5(body));
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    const batch = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries("first", "zweite ✓") }));
    expect(batch.Successful?.map((entry) => [entry.Id, entry.MD5OfMessageBody])).toEqual([
      ["m0", md5("first")],
      ["m1", md5("zweite ✓")],
    ]);
    expect(batch.Failed).toBeUndefined();

    await emulator.drained();
    const records = fn.records();
    expect(records.map((record) => record.body).sort()).toEqual([body, "first", "zweite ✓"].sort());
    const record = records.find((candidate) => candidate.messageId === sent.MessageId);
    expect(record).toEqual({
      messageId: sent.MessageId,
      receiptHandle: expect.any(String),
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: {},
      md5OfBody: md5(body),
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:events",
      awsRegion: "us-east-1",
    });
    expect(Number(record?.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(record?.attributes.SentTimestamp),
    );
    expect(emulator.stats("events")).toEqual({
      sent: 3,
      invocations: fn.events.length,
      delivered: 3,
      retried: 0,
      deadLettered: 0,
      waiting: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it("carries message attributes, with SQS's MD5 of them", async () => {
    const fn = fakeFunction();
    const { emulator, sqs } = await start([
      { name: "attributes", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber) },
    ]);
    const QueueUrl = emulator.queueUrl("attributes");
    // Digests published with independent implementations of the algorithm.
    const store = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: "order",
        MessageAttributes: { SellerName: { DataType: "String", StringValue: "Example Store" } },
      }),
    );
    expect(store.MD5OfMessageAttributes).toBe("cd28f3b68aeee4b2eac9c66f2f694b58");
    const mixed = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          {
            Id: "mixed",
            MessageBody: "mixed",
            MessageAttributes: {
              ordinal: { DataType: "Number", StringValue: "1" },
              category: { DataType: "String", StringValue: "test" },
            },
          },
        ],
      }),
    );
    expect(mixed.Successful?.[0]?.MD5OfMessageAttributes).toBe("d21ae90c49061e927f57df5f5d72be1f");
    const binary = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: "binary",
        MessageAttributes: { blob: { DataType: "Binary.gz", BinaryValue: Uint8Array.of(1, 2, 3) } },
      }),
    );
    expect(binary.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);

    await emulator.drained();
    const byBody = new Map(fn.records().map((record) => [record.body, record]));
    expect(byBody.get("mixed")?.messageAttributes).toEqual({
      ordinal: { stringValue: "1", stringListValues: [], binaryListValues: [], dataType: "Number" },
      category: { stringValue: "test", stringListValues: [], binaryListValues: [], dataType: "String" },
    });
    expect(byBody.get("mixed")?.md5OfMessageAttributes).toBe("d21ae90c49061e927f57df5f5d72be1f");
    expect(byBody.get("binary")?.messageAttributes).toEqual({
      blob: { binaryValue: "AQID", stringListValues: [], binaryListValues: [], dataType: "Binary.gz" },
    });
  });

  it("caps each invocation at batchSize records", async () => {
    const fn = fakeFunction();
    const { emulator, sqs } = await start([
      { name: "capped", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber, { batchSize: 3 }) },
    ]);
    const bodies = Array.from({ length: 10 }, (_, index) => `message ${index}`);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: emulator.queueUrl("capped"), Entries: entries(...bodies) }));
    await emulator.drained();
    // All ten were visible at once: full batches while any are left, then the rest.
    expect(fn.batchSizes()).toEqual([3, 3, 3, 1]);
    expect(
      fn
        .records()
        .map((record) => record.body)
        .sort(),
    ).toEqual([...bodies].sort());
  });

  it("gathers the records sent within the batching window into one invocation", async () => {
    const fn = fakeFunction();
    const { emulator, sqs } = await start([
      {
        name: "windowed",
        visibilityTimeoutSeconds: 30,
        subscription: subscribe(fn.subscriber, { batchSize: 10, batchingWindowSeconds: 1 }),
      },
    ]);
    const QueueUrl = emulator.queueUrl("windowed");
    for (const body of ["one", "two", "three"]) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    await emulator.drained();
    expect(fn.events.map((event) => event.Records.map((record) => record.body))).toEqual([["one", "two", "three"]]);
  });

  it("invokes as soon as a batch is full, without waiting out the window", async () => {
    const fn = fakeFunction();
    const { emulator, sqs, logged } = await start([
      {
        name: "full",
        visibilityTimeoutSeconds: 30,
        // Five minutes, Lambda's longest window: only a full batch is invoked within this test.
        subscription: subscribe(fn.subscriber, { batchSize: 4, batchingWindowSeconds: 300 }),
      },
    ]);
    const QueueUrl = emulator.queueUrl("full");
    for (const body of ["a", "b", "c", "d"]) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    await emulator.drained();
    expect(fn.batchSizes()).toEqual([4]);

    // A record still inside its window does not hold up stop().
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "e" }));
    expect(emulator.stats("full").waiting).toBe(1);
    await emulator.stop();
    expect(logged).toContain("[sqs] full: stopped with 1 message not delivered");
  });

  it("stops a batch short of Lambda's 6 MB invocation payload", async () => {
    const fn = fakeFunction();
    const { emulator, sqs } = await start([
      {
        name: "large",
        visibilityTimeoutSeconds: 30,
        subscription: subscribe(fn.subscriber, { batchSize: 30, batchingWindowSeconds: 2 }),
      },
    ]);
    const QueueUrl = emulator.queueUrl("large");
    // Thirty messages of 250,000 bytes, four per request (a request takes 1 MiB): 25 fit in one
    // invocation (6,291,456 bytes at most).
    for (let first = 0; first < 30; first += 4) {
      const Entries = Array.from({ length: Math.min(4, 30 - first) }, (_, index) => ({
        Id: String(index),
        MessageBody: String((first + index) % 10).repeat(250_000),
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    }
    await emulator.drained();
    const sizes = fn.batchSizes();
    expect(sizes.reduce((total, size) => total + size, 0)).toBe(30);
    // On a busy machine the batching window may close first; the size never lets a batch pass 25.
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(25);
    for (const event of fn.events) expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThanOrEqual(6 * MIB);
  });
});

describe("the event source mapping's concurrency and retries", () => {
  it("never runs more than maxConcurrency invocations, gathering records meanwhile", async () => {
    const release = deferred<void>();
    let active = 0;
    let mostActive = 0;
    const fn = fakeFunction(async () => {
      active++;
      mostActive = Math.max(mostActive, active);
      await release.promise;
      active--;
    });
    const { emulator, sqs } = await start([
      {
        name: "busy",
        visibilityTimeoutSeconds: 30,
        subscription: subscribe(fn.subscriber, { batchSize: 3, maxConcurrency: 2 }),
      },
    ]);
    const QueueUrl = emulator.queueUrl("busy");
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "one" }));
    await fn.until(() => fn.events.length === 1);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "two" }));
    await fn.until(() => fn.events.length === 2);
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl, Entries: entries("three", "four", "five", "six", "seven") }),
    );
    // Both slots busy: the five wait, visible, for a slot.
    expect(emulator.stats("busy")).toMatchObject({ invocations: 2, waiting: 5, inFlight: 2 });
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    expect(attributes.Attributes).toEqual({
      ApproximateNumberOfMessages: "5",
      ApproximateNumberOfMessagesNotVisible: "2",
    });

    release.resolve();
    await emulator.drained();
    expect(mostActive).toBe(2);
    // The first batch after the wait is full.
    expect(fn.batchSizes()).toEqual([1, 1, 3, 2]);
  });

  it("makes a failed batch visible again after the visibility timeout, counting the receive", async () => {
    const fn = fakeFunction((event) => {
      if (event.Records[0]?.attributes.ApproximateReceiveCount === "1") throw new Error("the table is busy");
    });
    const { emulator, sqs, logged } = await start([
      { name: "flaky", visibilityTimeoutSeconds: 0.2, subscription: subscribe(fn.subscriber) },
    ]);
    await sqs.send(new SendMessageCommand({ QueueUrl: emulator.queueUrl("flaky"), MessageBody: "again" }));
    await emulator.drained();

    const [first, second] = fn.records();
    expect(second?.messageId).toBe(first?.messageId);
    expect([first?.attributes.ApproximateReceiveCount, second?.attributes.ApproximateReceiveCount]).toEqual(["1", "2"]);
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
    expect(second?.attributes.ApproximateFirstReceiveTimestamp).toBe(
      first?.attributes.ApproximateFirstReceiveTimestamp,
    );
    expect(emulator.stats("flaky")).toMatchObject({ invocations: 2, delivered: 2, retried: 1, deadLettered: 0 });
    expect(logged).toEqual(["[sqs] flaky: a batch of 1 record failed: the table is busy"]);
  });

  it("with ReportBatchItemFailures, retries only the records the response names", async () => {
    const fn = fakeFunction((event, call) =>
      call === 1
        ? {
            batchItemFailures: event.Records.filter((record) => ["b", "d"].includes(record.body)).map((record) => ({
              itemIdentifier: record.messageId,
            })),
          }
        : { batchItemFailures: [] },
    );
    const { emulator, sqs, logged } = await start([
      {
        name: "partial",
        visibilityTimeoutSeconds: 0.1,
        subscription: subscribe(fn.subscriber, { reportBatchItemFailures: true }),
      },
    ]);
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: emulator.queueUrl("partial"), Entries: entries("a", "b", "c", "d") }),
    );
    await emulator.drained();
    expect(fn.events.map((event) => event.Records.map((record) => record.body))).toEqual([
      ["a", "b", "c", "d"],
      ["b", "d"],
    ]);
    expect(fn.events[1]?.Records.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["2", "2"]);
    expect(emulator.stats("partial")).toMatchObject({ delivered: 6, retried: 2 });
    expect(logged).toEqual([]);
  });

  it.each([
    ["an empty itemIdentifier", { batchItemFailures: [{ itemIdentifier: "" }] }],
    ["a messageId not in the batch", { batchItemFailures: [{ itemIdentifier: "not-in-this-batch" }] }],
    ["a failure without itemIdentifier", { batchItemFailures: [{ messageId: "x" }] }],
    ["batchItemFailures that is not a list", { batchItemFailures: "b" }],
    ["a response that is not an object", "retry b please"],
  ])("with ReportBatchItemFailures, retries the whole batch on %s", async (_, response) => {
    const fn = fakeFunction((_event, call) => (call === 1 ? response : undefined));
    const { emulator, sqs, logged } = await start([
      {
        name: "malformed",
        visibilityTimeoutSeconds: 0.05,
        subscription: subscribe(fn.subscriber, { reportBatchItemFailures: true }),
      },
    ]);
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: emulator.queueUrl("malformed"), Entries: entries("a", "b") }),
    );
    await emulator.drained();
    expect(fn.events.map((event) => event.Records.map((record) => record.body))).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
    expect(logged).toEqual([
      "[sqs] malformed: a batch of 2 records failed: its batchItemFailures were malformed or named records not in the batch",
    ]);
  });

  it("without ReportBatchItemFailures, deletes the batch whatever the response says", async () => {
    const fn = fakeFunction((event) => ({
      batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })),
    }));
    const { emulator, sqs } = await start([
      { name: "ignored", visibilityTimeoutSeconds: 0.05, subscription: subscribe(fn.subscriber) },
    ]);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: emulator.queueUrl("ignored"), Entries: entries("a", "b") }));
    await emulator.drained();
    expect(emulator.stats("ignored")).toMatchObject({ invocations: 1, delivered: 2, retried: 0 });
  });

  it("dead-letters a message once it has failed maxReceiveCount receives", async () => {
    const fn = fakeFunction(() => {
      throw new Error("always");
    });
    const { emulator, sqs, logged } = await start([
      { name: "doomed", visibilityTimeoutSeconds: 0.05, maxReceiveCount: 2, subscription: subscribe(fn.subscriber) },
    ]);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: emulator.queueUrl("doomed"), Entries: entries("x", "y") }));
    await emulator.drained();
    expect(fn.records().map((record) => [record.body, record.attributes.ApproximateReceiveCount])).toEqual([
      ["x", "1"],
      ["y", "1"],
      ["x", "2"],
      ["y", "2"],
    ]);
    expect(emulator.stats("doomed")).toMatchObject({ delivered: 4, retried: 2, deadLettered: 2, inFlight: 0 });
    expect(logged).toContain("[sqs] doomed: 2 records dead-lettered after 2 receives");
  });

  it("holds a message for its DelaySeconds", async () => {
    const fn = fakeFunction();
    const { emulator, sqs } = await start([
      { name: "delayed", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber) },
    ]);
    const QueueUrl = emulator.queueUrl("delayed");
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "later", DelaySeconds: 1 }));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: "later", MessageBody: "later too", DelaySeconds: 1 },
          { Id: "now", MessageBody: "now" },
        ],
      }),
    );
    expect(emulator.stats("delayed").delayed).toBe(2);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessagesDelayed"] }),
    );
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: "2" });
    await emulator.drained();
    expect(fn.records()[0]?.body).toBe("now");
    expect(
      fn
        .records()
        .map((record) => record.body)
        .sort(),
    ).toEqual(["later", "later too", "now"]);
  });
});

describe("queue attributes, drained() and stop()", () => {
  it("answers GetQueueUrl and GetQueueAttributes", async () => {
    const { emulator, sqs } = await start([{ name: "held", visibilityTimeoutSeconds: 45 }]);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "held" }));
    expect(QueueUrl).toBe(emulator.queueUrl("held"));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries("a", "b") }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "c", DelaySeconds: 900 }));

    const all = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(all.Attributes).toMatchObject({
      QueueArn: emulator.queueArn("held"),
      ApproximateNumberOfMessages: "2",
      ApproximateNumberOfMessagesNotVisible: "0",
      ApproximateNumberOfMessagesDelayed: "1",
      VisibilityTimeout: "45",
      MaximumMessageSize: String(QUEUE_MAX_MESSAGE_BYTES),
      DelaySeconds: "0",
    });
    const some = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn", "FifoQueue"] as QueueAttributeName[] }),
    );
    // A standard queue has no FifoQueue attribute: SQS leaves it out.
    expect(some.Attributes).toEqual({ QueueArn: emulator.queueArn("held") });
    const none = await sqs.send(new GetQueueAttributesCommand({ QueueUrl }));
    expect(none.Attributes).toBeUndefined();
    const slashed = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: `${QueueUrl}/`, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    expect(slashed.Attributes).toEqual({ ApproximateNumberOfMessages: "2" });
    expect(emulator.stats("held")).toMatchObject({ sent: 3, waiting: 2, delayed: 1, invocations: 0 });
  });

  it("drained() waits for every queue; stop() rejects it if the queues never drain", async () => {
    const fn = fakeFunction();
    const { emulator, sqs, logged } = await start([
      { name: "served", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber) },
      { name: "unserved", visibilityTimeoutSeconds: 30 },
    ]);
    await emulator.drained();
    await sqs.send(new SendMessageCommand({ QueueUrl: emulator.queueUrl("served"), MessageBody: "a" }));
    await emulator.drained();
    expect(fn.records()).toHaveLength(1);

    // A queue without a subscriber keeps its messages: drained() waits until stop() gives up.
    await sqs.send(new SendMessageCommand({ QueueUrl: emulator.queueUrl("unserved"), MessageBody: "kept" }));
    const drained = emulator.drained();
    await emulator.stop();
    await expect(drained).rejects.toThrow("stopped before its queues drained");
    await expect(emulator.drained()).resolves.toBeUndefined();
    expect(logged).toEqual(["[sqs] unserved: stopped with 1 message not delivered"]);
  });

  it("stop() waits for the invocations in flight and applies their results, then closes the port", async () => {
    const release = deferred<void>();
    const order: string[] = [];
    const fn = fakeFunction(async () => {
      await release.promise;
      order.push("invocation settled");
    });
    const { emulator, sqs, logged } = await start([
      { name: "inflight", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber) },
    ]);
    const QueueUrl = emulator.queueUrl("inflight");
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "in flight at stop" }));
    await fn.until(() => fn.events.length === 1);

    const stopped = emulator.stop().then(() => order.push("stopped"));
    release.resolve();
    await stopped;
    expect(order).toEqual(["invocation settled", "stopped"]);
    // Its success was applied: the message was deleted, not dropped at the stop.
    expect(emulator.stats("inflight")).toMatchObject({ delivered: 1, waiting: 0, inFlight: 0 });
    expect(logged).toEqual([]);
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "too late" }))).rejects.toThrow();
  });

  it("is reached by a client without an endpoint, through the queue URL's host", async () => {
    const fn = fakeFunction();
    const { emulator } = await start([
      { name: "by-url", visibilityTimeoutSeconds: 30, subscription: subscribe(fn.subscriber) },
    ]);
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const sqs = new SQSClient({ region: "us-east-1", credentials: LOCAL_CREDENTIALS, logger: quiet });
    running.push({ stop: async () => sqs.destroy() });
    await sqs.send(new SendMessageCommand({ QueueUrl: emulator.queueUrl("by-url"), MessageBody: "found" }));
    await emulator.drained();
    expect(fn.records().map((record) => record.body)).toEqual(["found"]);
  });

  it.each([
    ["maxConcurrency under Lambda's minimum of 2", { maxConcurrency: 1 }, "maxConcurrency"],
    ["a batchSize over 10 without a window of 1 s", { batchSize: 11 }, "batchingWindowSeconds of at least 1"],
    ["a batchSize over 10,000", { batchSize: 10_001, batchingWindowSeconds: 1 }, "batchSize"],
  ])("refuses a subscription with %s", async (_, settings, message) => {
    const subscription = subscribe(fakeFunction().subscriber, settings);
    await expect(
      startQueueEmulator({ port: 0, queues: [{ name: "q", visibilityTimeoutSeconds: 30, subscription }] }),
    ).rejects.toThrow(message);
  });

  it("refuses queue names SQS refuses, and a name used twice", async () => {
    await expect(
      startQueueEmulator({ port: 0, queues: [{ name: "no spaces", visibilityTimeoutSeconds: 30 }] }),
    ).rejects.toThrow("bad queue definition no spaces");
    await expect(
      startQueueEmulator({
        port: 0,
        queues: [
          { name: "twice", visibilityTimeoutSeconds: 30 },
          { name: "twice", visibilityTimeoutSeconds: 30 },
        ],
      }),
    ).rejects.toThrow("the name is used twice");
  });
});

describe("errors, as SQS answers them", () => {
  let emulator: QueueEmulator;
  let sqs: SQSClient;
  let QueueUrl: string;
  const logged: string[] = [];
  beforeAll(async () => {
    emulator = await startQueueEmulator({
      port: 0,
      queues: [{ name: "strict", visibilityTimeoutSeconds: 30 }],
      log: (line) => logged.push(line),
    });
    sqs = new SQSClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials: LOCAL_CREDENTIALS });
    QueueUrl = emulator.queueUrl("strict");
  });
  afterAll(async () => {
    sqs?.destroy();
    await emulator?.stop();
  });

  const sendBody = (MessageBody: string, extra: Partial<ConstructorParameters<typeof SendMessageCommand>[0]> = {}) =>
    sqs.send(new SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
  const sendBatch = (Entries: { Id: string; MessageBody: string }[]) =>
    sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));

  it.each<[string, () => Promise<unknown>, string, (new (...args: never[]) => Error)?]>([
    [
      "a queue that does not exist",
      () =>
        sqs.send(new SendMessageCommand({ QueueUrl: `${emulator.endpoint}/000000000000/missing`, MessageBody: "x" })),
      "QueueDoesNotExist",
      QueueDoesNotExist,
    ],
    [
      "another account's queue",
      () =>
        sqs.send(new SendMessageCommand({ QueueUrl: `${emulator.endpoint}/123456789012/strict`, MessageBody: "x" })),
      "QueueDoesNotExist",
      QueueDoesNotExist,
    ],
    [
      "GetQueueUrl of a missing queue",
      () => sqs.send(new GetQueueUrlCommand({ QueueName: "missing" })),
      "QueueDoesNotExist",
      QueueDoesNotExist,
    ],
    ["an empty batch", () => sendBatch([]), "EmptyBatchRequest", EmptyBatchRequest],
    [
      "eleven entries",
      () => sendBatch(entries(...Array.from({ length: 11 }, () => "x"))),
      "TooManyEntriesInBatchRequest",
      TooManyEntriesInBatchRequest,
    ],
    [
      "two entries with one id",
      () =>
        sendBatch([
          { Id: "same", MessageBody: "a" },
          { Id: "same", MessageBody: "b" },
        ]),
      "BatchEntryIdsNotDistinct",
      BatchEntryIdsNotDistinct,
    ],
    [
      "an entry id with a space",
      () => sendBatch([{ Id: "not ok", MessageBody: "a" }]),
      "InvalidBatchEntryId",
      InvalidBatchEntryId,
    ],
    [
      "an entry id over 80 characters",
      () => sendBatch([{ Id: "i".repeat(81), MessageBody: "a" }]),
      "InvalidBatchEntryId",
      InvalidBatchEntryId,
    ],
    [
      "a batch over 1 MiB in all",
      () => sendBatch(entries("a".repeat(MIB / 2 + 1), "b".repeat(MIB / 2))),
      "BatchRequestTooLong",
      BatchRequestTooLong,
    ],
    [
      "a message over the queue's 256 KiB",
      () => sendBody("x".repeat(QUEUE_MAX_MESSAGE_BYTES + 1)),
      "InvalidParameterValue",
    ],
    [
      "a message over 256 KiB with its attributes",
      () =>
        sendBody("x".repeat(QUEUE_MAX_MESSAGE_BYTES - 4), {
          MessageAttributes: { k: { DataType: "String", StringValue: "v" } },
        }),
      "InvalidParameterValue",
    ],
    ["a NUL character", () => sendBody("a\u0000b"), "InvalidMessageContents", InvalidMessageContents],
    ["a lone surrogate", () => sendBody("a\ud800b"), "InvalidMessageContents", InvalidMessageContents],
    ["an empty body", () => sendBody(""), "MissingParameter"],
    ["a delay over 900 seconds", () => sendBody("x", { DelaySeconds: 901 }), "InvalidParameterValue"],
    ["a negative delay", () => sendBody("x", { DelaySeconds: -1 }), "InvalidParameterValue"],
    [
      "a deduplication id on a standard queue",
      () => sendBody("x", { MessageDeduplicationId: "d" }),
      "InvalidParameterValue",
    ],
    [
      "an attribute name reserved for AWS",
      () => sendBody("x", { MessageAttributes: { "AWS.trace": { DataType: "String", StringValue: "v" } } }),
      "InvalidParameterValue",
    ],
    [
      "a Number attribute that is not a number",
      () => sendBody("x", { MessageAttributes: { n: { DataType: "Number", StringValue: "many" } } }),
      "InvalidParameterValue",
    ],
    [
      "an attribute without its value",
      () => sendBody("x", { MessageAttributes: { s: { DataType: "String" } } }),
      "InvalidParameterValue",
    ],
    [
      "an unknown queue attribute",
      () => sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["Color" as QueueAttributeName] })),
      "InvalidAttributeName",
      InvalidAttributeName,
    ],
    [
      "an operation the emulator does not implement",
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl })),
      "UnsupportedOperation",
      UnsupportedOperation,
    ],
  ])("refuses %s with the SDK's named error", async (_, call, name, type) => {
    const error = await call().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(type ?? SQSServiceException);
    expect((error as Error).name).toBe(name);
    expect((error as SQSServiceException).$metadata.httpStatusCode).toBe(400);
    // And keeps serving.
    await expect(sendBody("still here")).resolves.toMatchObject({ MD5OfMessageBody: md5("still here") });
  });

  it("takes a message of exactly the queue's maximum, as deployed (256 KiB)", async () => {
    await expect(sendBody("x".repeat(QUEUE_MAX_MESSAGE_BYTES))).resolves.toMatchObject({
      MessageId: expect.stringMatching(UUID),
    });
  });

  it("fails only the bad entries of a batch", async () => {
    const result = await sendBatch([
      { Id: "good", MessageBody: "fine" },
      { Id: "bad", MessageBody: "bell \u0007" },
    ]);
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(["good"]);
    expect(result.Failed).toEqual([
      { Id: "bad", SenderFault: true, Code: "InvalidMessageContents", Message: expect.stringContaining("Invalid") },
    ]);
  });

  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(emulator.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessage", ...headers },
      body,
    });

  it.each([
    ["an unknown operation", () => post("{}", { "x-amz-target": "AmazonSQS.Teleport" }), 400, "UnknownOperation"],
    ["another service's operation", () => post("{}", { "x-amz-target": "DynamoDB_20120810.GetItem" }), 400, "Unknown"],
    ["a body that is not JSON", () => post("QueueUrl=x"), 400, "SerializationException"],
    ["a JSON body that is not an object", () => post("[1,2]"), 400, "SerializationException"],
    ["a body that is not UTF-8", () => post(Uint8Array.of(0x7b, 0xff, 0x7d)), 400, "SerializationException"],
    [
      "a body of the wrong type",
      () => post(JSON.stringify({ QueueUrl: "x", MessageBody: 5 })),
      400,
      "InvalidParameter",
    ],
    ["the wrong content type", () => post("{}", { "content-type": "application/json" }), 400, "UnknownOperation"],
    ["a GET", () => fetch(emulator.endpoint), 405, "UnknownOperation"],
  ])("answers %s with an SQS error, not a crash", async (_, request, status, type) => {
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.headers.get("x-amzn-query-error")).toMatch(/;Sender$/);
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toContain(type);
    expect(body.message).toEqual(expect.any(String));
    await expect(sendBody("still here")).resolves.toBeDefined();
  });

  it("answers a request too large to read without reading it", async () => {
    const response = await post(`{"QueueUrl":"x","Entries":[{"Id":"a","MessageBody":"${"x".repeat(4 * MIB)}"}]}`, {
      "x-amz-target": "AmazonSQS.SendMessageBatch",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-query-error")).toBe("AWS.SimpleQueueService.BatchRequestTooLong;Sender");
    await expect(sendBody("still here")).resolves.toBeDefined();
  });
});
