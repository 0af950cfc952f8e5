import { isUtf8 } from "node:buffer";
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { QUEUE_MAX_MESSAGE_BYTES } from "@chat/core/queue-limits";
import * as v from "valibot";
import { readBody } from "./http-body";

// Amazon SQS's AWS JSON 1.0 protocol, as @aws-sdk/client-sqs speaks it: POST with
// `X-Amz-Target: AmazonSQS.<Operation>`, a JSON body, and errors the SDK maps to its named
// exceptions through the `x-amzn-query-error` header (the client is "awsQueryCompatible").
// Signatures are not checked.

/** The account and region of every local queue's URL and ARN. */
export const ACCOUNT_ID = "000000000000";
export const REGION = "us-east-1";

// The largest SendMessageBatch payload: AWS raised it from 262,144 bytes (256 KiB) to 1,048,576
// bytes (1 MiB) in August 2025. The largest message (body and attributes together) is the
// queue's MaximumMessageSize: the app's queues are deployed with 256 KiB (core/queue-limits.ts).
export const MAX_BATCH_BYTES = 1_048_576;
export const MAX_MESSAGE_BYTES = QUEUE_MAX_MESSAGE_BYTES;
const MAX_BATCH_ENTRIES = 10;
const MAX_DELAY_SECONDS = 900;
const MAX_MESSAGE_ATTRIBUTES = 10;
const MAX_ATTRIBUTE_NAME_LENGTH = 256;
// The largest valid request: a full batch whose every character JSON escapes to two (a quote
// or a backslash), with room for the envelope. Past this the body is not read.
const MAX_REQUEST_BYTES = 3 * MAX_BATCH_BYTES;
const JSON_PROTOCOL = "application/x-amz-json-1.0";

// What a message may contain: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
const VALID_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const INVALID_TEXT_MESSAGE =
  "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF";
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\..*)?$/s;
const NUMBER_VALUE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Each error as the service names it: `__type` in the body, and the Query protocol's code in
// `x-amzn-query-error`, which the SDK matches against its exceptions' awsQueryError codes.
const ERRORS = {
  QueueDoesNotExist: { type: "com.amazonaws.sqs#QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue" },
  EmptyBatchRequest: { type: "com.amazonaws.sqs#EmptyBatchRequest", code: "AWS.SimpleQueueService.EmptyBatchRequest" },
  TooManyEntriesInBatchRequest: {
    type: "com.amazonaws.sqs#TooManyEntriesInBatchRequest",
    code: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
  },
  BatchEntryIdsNotDistinct: {
    type: "com.amazonaws.sqs#BatchEntryIdsNotDistinct",
    code: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
  },
  InvalidBatchEntryId: {
    type: "com.amazonaws.sqs#InvalidBatchEntryId",
    code: "AWS.SimpleQueueService.InvalidBatchEntryId",
  },
  BatchRequestTooLong: {
    type: "com.amazonaws.sqs#BatchRequestTooLong",
    code: "AWS.SimpleQueueService.BatchRequestTooLong",
  },
  UnsupportedOperation: {
    type: "com.amazonaws.sqs#UnsupportedOperation",
    code: "AWS.SimpleQueueService.UnsupportedOperation",
  },
  InvalidMessageContents: { type: "com.amazonaws.sqs#InvalidMessageContents", code: "InvalidMessageContents" },
  InvalidAttributeName: { type: "com.amazonaws.sqs#InvalidAttributeName", code: "InvalidAttributeName" },
  // Not in the SDK's model: it throws an SQSServiceException named by the code.
  InvalidParameterValue: { type: "com.amazonaws.sqs#InvalidParameterValue", code: "InvalidParameterValue" },
  MissingParameter: { type: "com.amazonaws.sqs#MissingParameter", code: "MissingParameter" },
  // The JSON protocol's own, before any SQS operation runs.
  SerializationException: { type: "com.amazon.coral.service#SerializationException", code: "SerializationException" },
  UnknownOperationException: {
    type: "com.amazon.coral.service#UnknownOperationException",
    code: "InvalidAction",
  },
} as const;

type ErrorName = keyof typeof ERRORS;

/** A request SQS refuses, answered as the service answers it. */
class SqsError extends Error {
  constructor(
    readonly errorName: ErrorName,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A message attribute as the JSON protocol carries it (BinaryValue in base64). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** A message SendMessage or SendMessageBatch accepted, checked and hashed. */
export interface AcceptedMessage {
  body: string;
  md5OfBody: string;
  delaySeconds: number;
  messageAttributes: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes: string | undefined;
  /** The X-Ray trace header sent as the AWSTraceHeader system attribute. */
  awsTraceHeader: string | undefined;
  md5OfMessageSystemAttributes: string | undefined;
}

/** The queues the protocol answers for. */
export interface SqsQueues {
  /** The queue of that name, or undefined. */
  find(name: string): SqsQueue | undefined;
  url(name: string): string;
}

export interface SqsQueue {
  readonly name: string;
  /** Enqueues a message; returns its MessageId. */
  send(message: AcceptedMessage): string;
  /** Every attribute GetQueueAttributes can return for it, as strings. */
  attributes(): Record<string, string>;
}

const AttributeValue = v.object({
  DataType: v.string(),
  StringValue: v.optional(v.string()),
  BinaryValue: v.optional(v.string()),
  StringListValues: v.optional(v.array(v.string())),
  BinaryListValues: v.optional(v.array(v.string())),
});
type WireAttributeValue = v.InferOutput<typeof AttributeValue>;

const MessageFields = {
  MessageBody: v.string(),
  DelaySeconds: v.optional(v.pipe(v.number(), v.integer())),
  MessageAttributes: v.optional(v.record(v.string(), AttributeValue)),
  MessageSystemAttributes: v.optional(v.record(v.string(), AttributeValue)),
  MessageDeduplicationId: v.optional(v.string()),
  MessageGroupId: v.optional(v.string()),
};
type MessageInput = v.InferOutput<v.ObjectSchema<typeof MessageFields, undefined>>;

const SendMessageInput = v.object({ QueueUrl: v.string(), ...MessageFields });
const SendMessageBatchInput = v.object({
  QueueUrl: v.string(),
  Entries: v.array(v.object({ Id: v.string(), ...MessageFields })),
});
const GetQueueUrlInput = v.object({ QueueName: v.string(), QueueOwnerAWSAccountId: v.optional(v.string()) });
const GetQueueAttributesInput = v.object({ QueueUrl: v.string(), AttributeNames: v.optional(v.array(v.string())) });

const QUEUE_ATTRIBUTE_NAMES = new Set([
  "All",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesDelayed",
  "ApproximateNumberOfMessagesNotVisible",
  "ContentBasedDeduplication",
  "CreatedTimestamp",
  "DeduplicationScope",
  "DelaySeconds",
  "FifoQueue",
  "FifoThroughputLimit",
  "KmsDataKeyReusePeriodSeconds",
  "KmsMasterKeyId",
  "LastModifiedTimestamp",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "Policy",
  "QueueArn",
  "ReceiveMessageWaitTimeSeconds",
  "RedriveAllowPolicy",
  "RedrivePolicy",
  "SqsManagedSseEnabled",
  "VisibilityTimeout",
]);

// SQS's other operations: named as not emulated, rather than as unknown.
const NOT_EMULATED = new Set([
  "AddPermission",
  "CancelMessageMoveTask",
  "ChangeMessageVisibility",
  "ChangeMessageVisibilityBatch",
  "CreateQueue",
  "DeleteMessage",
  "DeleteMessageBatch",
  "DeleteQueue",
  "ListDeadLetterSourceQueues",
  "ListMessageMoveTasks",
  "ListQueueTags",
  "ListQueues",
  "PurgeQueue",
  "ReceiveMessage",
  "RemovePermission",
  "SetQueueAttributes",
  "StartMessageMoveTask",
  "TagQueue",
  "UntagQueue",
]);

const OPERATIONS = {
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  GetQueueUrl: getQueueUrl,
  GetQueueAttributes: getQueueAttributes,
} satisfies Record<string, (input: unknown, queues: SqsQueues) => object>;
type Operation = keyof typeof OPERATIONS;

interface SqsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The request body was left unread: the connection closes after this answer. */
  close?: boolean;
}

/** Answers one SQS request over HTTP; bad input gets SQS's error, never a 500. */
export async function handleSqsRequest(request: IncomingMessage, response: ServerResponse, queues: SqsQueues) {
  const answer = await answerRequest(request, queues);
  if (answer.close) {
    request.resume();
    response.shouldKeepAlive = false;
  }
  response.writeHead(answer.status, { ...answer.headers, "x-amzn-requestid": randomUUID() });
  response.end(answer.body);
}

async function answerRequest(request: IncomingMessage, queues: SqsQueues): Promise<SqsAnswer> {
  let operation: Operation | undefined;
  try {
    if (request.method !== "POST") {
      throw new SqsError("UnknownOperationException", "SQS takes POST requests (the AWS JSON 1.0 protocol)", 405);
    }
    const contentType = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
    if (contentType !== JSON_PROTOCOL) {
      throw new SqsError("UnknownOperationException", `the local SQS speaks the JSON protocol (${JSON_PROTOCOL}) only`);
    }
    const target = request.headers["x-amz-target"];
    operation = operationOf(typeof target === "string" ? target : undefined);
    const body = await readBody(request, MAX_REQUEST_BYTES);
    if (!body) return { ...errorAnswer(requestTooLarge(operation)), close: true };
    return {
      status: 200,
      headers: { "content-type": JSON_PROTOCOL },
      body: JSON.stringify(OPERATIONS[operation](parseJsonObject(body), queues)),
    };
  } catch (error) {
    if (!(error instanceof SqsError)) throw error;
    // Refused before its body was read: the body is left unread.
    return { ...errorAnswer(error), close: operation === undefined };
  }
}

function errorAnswer(error: SqsError): SqsAnswer {
  const { type, code } = ERRORS[error.errorName];
  return {
    status: error.status,
    headers: { "content-type": JSON_PROTOCOL, "x-amzn-query-error": `${code};Sender` },
    body: JSON.stringify({ __type: type, message: error.message }),
  };
}

function operationOf(target: string | undefined): Operation {
  const [service, name = ""] = (target ?? "").split(".", 2);
  if (service === "AmazonSQS" && Object.hasOwn(OPERATIONS, name)) return name as Operation;
  if (service === "AmazonSQS" && NOT_EMULATED.has(name)) {
    throw new SqsError("UnsupportedOperation", `the local SQS emulator does not implement ${name}`);
  }
  throw new SqsError("UnknownOperationException", `unknown operation ${JSON.stringify(target ?? "")}`);
}

/** What SQS would say of a request too large to read, by what it is. */
function requestTooLarge(operation: Operation): SqsError {
  if (operation === "SendMessageBatch") {
    return new SqsError("BatchRequestTooLong", `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes.`);
  }
  return tooLongMessage();
}

const tooLongMessage = () =>
  new SqsError(
    "InvalidParameterValue",
    `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
  );

function parseJsonObject(body: Buffer): unknown {
  const problem = new SqsError("SerializationException", "the request body is not a JSON object");
  if (!isUtf8(body)) throw problem;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw problem;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw problem;
  return parsed;
}

/** The input as `schema` reads it, or SQS's MissingParameter / InvalidParameterValue. */
function parse<Schema extends v.GenericSchema>(schema: Schema, input: unknown): v.InferOutput<Schema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const parameter = v.getDotPath(issue) ?? "input";
  if (issue.input === undefined) {
    throw new SqsError("MissingParameter", `The request must contain the parameter ${parameter}.`);
  }
  throw new SqsError("InvalidParameterValue", `Value for parameter ${parameter} is invalid. Reason: ${issue.message}`);
}

/** The queue a QueueUrl names: `<any origin>/000000000000/<name>`, as SQS reads only its path. */
function queueOf(queueUrl: string, queues: SqsQueues): SqsQueue {
  const path = URL.canParse(queueUrl) ? new URL(queueUrl).pathname.replace(/\/$/, "") : "";
  const [, account, name, ...rest] = path.split("/");
  const queue = account === ACCOUNT_ID && name && rest.length === 0 ? queues.find(name) : undefined;
  if (!queue) throw new SqsError("QueueDoesNotExist", "The specified queue does not exist.");
  return queue;
}

function sendMessage(input: unknown, queues: SqsQueues) {
  const request = parse(SendMessageInput, input);
  const queue = queueOf(request.QueueUrl, queues);
  const message = acceptMessage(request);
  return { ...sentMessageHashes(message), MessageId: queue.send(message) };
}

function sendMessageBatch(input: unknown, queues: SqsQueues) {
  const request = parse(SendMessageBatchInput, input);
  const queue = queueOf(request.QueueUrl, queues);
  const entries = request.Entries;
  if (entries.length === 0) {
    throw new SqsError(
      "EmptyBatchRequest",
      "There should be at least one SendMessageBatchRequestEntry in the request.",
    );
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SqsError(
      "TooManyEntriesInBatchRequest",
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const { Id } of entries) {
    if (!BATCH_ENTRY_ID.test(Id)) {
      throw new SqsError(
        "InvalidBatchEntryId",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      );
    }
    if (ids.has(Id)) throw new SqsError("BatchEntryIdsNotDistinct", `Id ${Id} repeated.`);
    ids.add(Id);
  }
  const batchBytes = entries.reduce((total, entry) => total + messageBytes(entry), 0);
  if (batchBytes > MAX_BATCH_BYTES) {
    throw new SqsError(
      "BatchRequestTooLong",
      `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${batchBytes} bytes.`,
    );
  }
  // Past the batch's own checks, each entry succeeds or fails on its own.
  const successful: object[] = [];
  const failed: object[] = [];
  for (const entry of entries) {
    try {
      const message = acceptMessage(entry);
      successful.push({ Id: entry.Id, ...sentMessageHashes(message), MessageId: queue.send(message) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push({ Id: entry.Id, SenderFault: true, Code: ERRORS[error.errorName].code, Message: error.message });
    }
  }
  // As the service answers: a list that would be empty is left out.
  return { ...(successful.length ? { Successful: successful } : {}), ...(failed.length ? { Failed: failed } : {}) };
}

function getQueueUrl(input: unknown, queues: SqsQueues) {
  const request = parse(GetQueueUrlInput, input);
  const account = request.QueueOwnerAWSAccountId ?? ACCOUNT_ID;
  const queue = account === ACCOUNT_ID ? queues.find(request.QueueName) : undefined;
  if (!queue) throw new SqsError("QueueDoesNotExist", "The specified queue does not exist.");
  return { QueueUrl: queues.url(queue.name) };
}

function getQueueAttributes(input: unknown, queues: SqsQueues) {
  const request = parse(GetQueueAttributesInput, input);
  const queue = queueOf(request.QueueUrl, queues);
  const names = request.AttributeNames ?? [];
  const unknown = names.find((name) => !QUEUE_ATTRIBUTE_NAMES.has(name));
  if (unknown !== undefined) throw new SqsError("InvalidAttributeName", `Unknown Attribute ${unknown}.`);
  const all = queue.attributes();
  const wanted = names.includes("All") ? Object.keys(all) : names;
  // Attributes that do not apply to this queue (FifoQueue, Policy, …) are left out, as SQS does.
  const attributes = Object.fromEntries(wanted.filter((name) => name in all).map((name) => [name, all[name]!]));
  return Object.keys(attributes).length ? { Attributes: attributes } : {};
}

function sentMessageHashes(message: AcceptedMessage) {
  return {
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    ...(message.md5OfMessageSystemAttributes
      ? { MD5OfMessageSystemAttributes: message.md5OfMessageSystemAttributes }
      : {}),
  };
}

/** Checks a message in SQS's order and hashes it. */
function acceptMessage(input: MessageInput): AcceptedMessage {
  const body = input.MessageBody;
  if (body.length === 0) throw new SqsError("MissingParameter", "The request must contain the parameter MessageBody.");
  if (messageBytes(input) > MAX_MESSAGE_BYTES) throw tooLongMessage();
  if (!VALID_TEXT.test(body)) throw new SqsError("InvalidMessageContents", INVALID_TEXT_MESSAGE);
  const delaySeconds = input.DelaySeconds ?? 0;
  if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
    throw new SqsError(
      "InvalidParameterValue",
      `Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`,
    );
  }
  if (input.MessageDeduplicationId !== undefined) {
    throw new SqsError(
      "InvalidParameterValue",
      `Value ${input.MessageDeduplicationId} for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.`,
    );
  }
  // MessageGroupId is accepted on standard queues (fair queues) and has no effect here.
  const messageAttributes = checkMessageAttributes(input.MessageAttributes ?? {});
  const awsTraceHeader = checkSystemAttributes(input.MessageSystemAttributes ?? {});
  return {
    body,
    md5OfBody: createHash("md5").update(body, "utf8").digest("hex"),
    delaySeconds,
    messageAttributes,
    md5OfMessageAttributes: md5OfAttributes(messageAttributes),
    awsTraceHeader,
    md5OfMessageSystemAttributes:
      awsTraceHeader === undefined
        ? undefined
        : md5OfAttributes({ AWSTraceHeader: { DataType: "String", StringValue: awsTraceHeader } }),
  };
}

/** What counts against the size limit: the body, and each attribute's name, type and value. */
function messageBytes(input: Pick<MessageInput, "MessageBody" | "MessageAttributes">): number {
  let bytes = Buffer.byteLength(input.MessageBody);
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    bytes += value.BinaryValue !== undefined ? Buffer.byteLength(value.BinaryValue, "base64") : 0;
    bytes += Buffer.byteLength(value.StringValue ?? "");
  }
  return bytes;
}

function checkMessageAttributes(attributes: Record<string, WireAttributeValue>): Record<string, MessageAttributeValue> {
  const invalid = (message: string) => new SqsError("InvalidParameterValue", message);
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalid(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  const checked: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    const value = attributes[name]!;
    if (name.length >= MAX_ATTRIBUTE_NAME_LENGTH) {
      throw invalid("Message (user) attribute names must be shorter than 256 Bytes");
    }
    if (!ATTRIBUTE_NAME.test(name)) {
      throw invalid(
        "Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores.",
      );
    }
    if (/^(aws|amazon)\./i.test(name) || name.startsWith(".") || name.endsWith(".") || name.includes("..")) {
      throw invalid(
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.' or contain '..'.",
      );
    }
    const type = ATTRIBUTE_TYPE.exec(value.DataType)?.[1];
    if (!type || value.DataType.length >= MAX_ATTRIBUTE_NAME_LENGTH) {
      throw invalid(
        `Type for parameter MessageAttributes.${name}.DataType must be prefixed with "String", "Binary", or "Number", but was: ${value.DataType}`,
      );
    }
    if (value.StringListValues?.length || value.BinaryListValues?.length) {
      throw invalid(`Message (user) attribute '${name}': StringListValues and BinaryListValues are not implemented.`);
    }
    if (type === "Binary") {
      if (!value.BinaryValue || !BASE64.test(value.BinaryValue)) {
        throw invalid(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
      }
      checked[name] = { DataType: value.DataType, BinaryValue: value.BinaryValue };
      continue;
    }
    if (!value.StringValue) {
      throw invalid(`Message (user) attribute '${name}' must contain a non-empty value of type '${type}'.`);
    }
    if (!VALID_TEXT.test(value.StringValue)) throw invalid(INVALID_TEXT_MESSAGE);
    if (type === "Number" && !NUMBER_VALUE.test(value.StringValue)) {
      throw invalid(`Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    checked[name] = { DataType: value.DataType, StringValue: value.StringValue };
  }
  return checked;
}

/** The one system attribute SQS takes on a send: AWSTraceHeader, a string. */
function checkSystemAttributes(attributes: Record<string, WireAttributeValue>): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== "AWSTraceHeader" || value.DataType !== "String" || !value.StringValue) {
      throw new SqsError(
        "InvalidParameterValue",
        `Message system attribute '${name}' is invalid: only AWSTraceHeader, of type String, can be sent.`,
      );
    }
  }
  return attributes.AWSTraceHeader?.StringValue;
}

/**
 * SQS's MD5 of message attributes: for each name in order, the name, the data type, a
 * transport byte (1 string, 2 binary) and the value, each but the byte preceded by its
 * length as 4 bytes big-endian.
 */
function md5OfAttributes(attributes: Record<string, MessageAttributeValue>): string | undefined {
  // Sorted by UTF-16 code units, as the service (Java's String order) sorts them.
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash("md5");
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of names) {
    const { DataType, StringValue, BinaryValue } = attributes[name]!;
    field(Buffer.from(name, "utf8"));
    field(Buffer.from(DataType, "utf8"));
    if (BinaryValue !== undefined) {
      hash.update(Buffer.of(2));
      field(Buffer.from(BinaryValue, "base64"));
    } else {
      hash.update(Buffer.of(1));
      field(Buffer.from(StringValue ?? "", "utf8"));
    }
  }
  return hash.digest("hex");
}
