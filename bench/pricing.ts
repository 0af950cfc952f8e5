// AWS's published on-demand prices for what one chat message uses, US East
// (N. Virginia), and the arithmetic that turns counted usage into dollars.
// Pure, and imports nothing (the SDK meter uses it inside the functions'
// environments). Sources and the date they were read are in PRICE_SOURCES and
// bench/README.md ("Dollars per message"); update both together.

/** When the prices below were last checked against their sources. */
export const PRICES_CHECKED = "2026-11-27";
export const PRICE_REGION = "us-east-1";

/** API Gateway WebSocket APIs: messages sent and received, first 1 billion a month ($0.80 per million after). */
export const WEBSOCKET_MESSAGE_USD = 1.0 / 1e6;
/** Messages are metered in 32 KB increments: a 33 KB message is two. */
export const WEBSOCKET_MESSAGE_UNIT_BYTES = 32 * 1024;
/** API Gateway WebSocket APIs: connection minutes. */
export const WEBSOCKET_CONNECTION_MINUTE_USD = 0.25 / 1e6;
/** Lambda requests (invocations). */
export const LAMBDA_REQUEST_USD = 0.2 / 1e6;
/** Lambda duration, x86 (SST's default architecture), first 6 billion GB-seconds a month; billed per 1 ms. */
export const LAMBDA_GB_SECOND_USD = 0.0000166667;
/** DynamoDB on-demand, Standard table class: write request units (since the 1 Nov 2024 cut; $1.25 before). */
export const DYNAMODB_WRITE_UNIT_USD = 0.625 / 1e6;
/** DynamoDB on-demand, Standard table class: read request units (since the 1 Nov 2024 cut; $0.25 before). */
export const DYNAMODB_READ_UNIT_USD = 0.125 / 1e6;
/** A read request unit covers 4 KB (strongly consistent; eventually consistent: half a unit). */
export const DYNAMODB_READ_UNIT_BYTES = 4 * 1024;
/** A Query or Scan page holds at most 1 MB of items. */
export const DYNAMODB_PAGE_BYTES = 1024 * 1024;

export const PRICE_SOURCES = {
  apiGateway: "https://aws.amazon.com/api-gateway/pricing/ (WebSocket APIs)",
  lambda: "https://aws.amazon.com/lambda/pricing/",
  dynamodb:
    "https://aws.amazon.com/dynamodb/pricing/on-demand/ (on-demand throughput halved from 1 Nov 2024, AWS What's New, 14 Nov 2024)",
} as const;

/** The prices as recorded with each run's results. */
export interface PriceSheet {
  region: string;
  checked: string;
  websocketMessageUsd: number;
  websocketMessageUnitBytes: number;
  connectionMinuteUsd: number;
  lambdaRequestUsd: number;
  lambdaGbSecondUsd: number;
  dynamoWriteUnitUsd: number;
  dynamoReadUnitUsd: number;
  sources: Record<string, string>;
}

export const PRICE_SHEET: PriceSheet = {
  region: PRICE_REGION,
  checked: PRICES_CHECKED,
  websocketMessageUsd: WEBSOCKET_MESSAGE_USD,
  websocketMessageUnitBytes: WEBSOCKET_MESSAGE_UNIT_BYTES,
  connectionMinuteUsd: WEBSOCKET_CONNECTION_MINUTE_USD,
  lambdaRequestUsd: LAMBDA_REQUEST_USD,
  lambdaGbSecondUsd: LAMBDA_GB_SECOND_USD,
  dynamoWriteUnitUsd: DYNAMODB_WRITE_UNIT_USD,
  dynamoReadUnitUsd: DYNAMODB_READ_UNIT_USD,
  sources: { ...PRICE_SOURCES },
};

/** API Gateway messages one WebSocket message of `bytes` is billed as (32 KB units, at least one). */
export const websocketMessageUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / WEBSOCKET_MESSAGE_UNIT_BYTES));

/** Lambda bills each invocation's duration rounded up to the next millisecond. */
export const billedMs = (durationMs: number) => Math.max(1, Math.ceil(durationMs));

/** GB-seconds of `ms` at `memoryMb` (Lambda counts 1 GB as 1024 MB). */
export const gbSeconds = (ms: number, memoryMb: number) => (ms / 1000) * (memoryMb / 1024);

/**
 * Read request units of one Query or Scan page holding `bytes` of items:
 * the page's item sizes summed, rounded up to 4 KB; half for an eventually
 * consistent read.
 */
export function pageReadUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / DYNAMODB_READ_UNIT_BYTES));
  return consistent ? units : units / 2;
}

/**
 * Read request units of reading `items` items of `itemBytes` each with Query
 * or Scan, page after page (1 MB pages), and the pages it takes.
 */
export function readAllUnits(items: number, itemBytes: number, consistent: boolean): { units: number; pages: number } {
  const perPage = Math.max(1, Math.floor(DYNAMODB_PAGE_BYTES / itemBytes));
  const pages = Math.max(1, Math.ceil(items / perPage));
  let units = 0;
  for (let page = 0; page < pages; page++) {
    const inPage = Math.min(perPage, items - page * perPage);
    units += pageReadUnits(Math.max(0, inPage) * itemBytes, consistent);
  }
  return { units, pages };
}

/** What one chat message uses, in the units AWS bills. */
export interface MessageUsage {
  /** API Gateway messages received: the client's frame (32 KB units). */
  messagesIn: number;
  /** API Gateway messages sent: the posts (32 KB units). */
  messagesOut: number;
  /** Connection minutes the message carries (the connections' open time, shared out over the messages). */
  connectionMinutes: number;
  lambdaInvocations: number;
  /** Billed Lambda milliseconds, summed over the invocations. */
  lambdaBilledMs: number;
  lambdaMemoryMb: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
}

/** Dollars per million messages, per line of the bill. */
export interface DollarsPerMillion {
  apiMessages: number;
  connectionMinutes: number;
  lambdaRequests: number;
  lambdaDuration: number;
  dynamoReads: number;
  dynamoWrites: number;
  total: number;
}

const cents = (value: number) => Math.round(value * 1e4) / 1e4;

/** One message's usage priced, times a million. */
export function dollarsPerMillion(usage: MessageUsage, prices: PriceSheet = PRICE_SHEET): DollarsPerMillion {
  const perMessage = {
    apiMessages: (usage.messagesIn + usage.messagesOut) * prices.websocketMessageUsd,
    connectionMinutes: usage.connectionMinutes * prices.connectionMinuteUsd,
    lambdaRequests: usage.lambdaInvocations * prices.lambdaRequestUsd,
    lambdaDuration: gbSeconds(usage.lambdaBilledMs, usage.lambdaMemoryMb) * prices.lambdaGbSecondUsd,
    dynamoReads: usage.dynamoReadUnits * prices.dynamoReadUnitUsd,
    dynamoWrites: usage.dynamoWriteUnits * prices.dynamoWriteUnitUsd,
  };
  const total = Object.values(perMessage).reduce((sum, value) => sum + value, 0);
  return {
    apiMessages: cents(perMessage.apiMessages * 1e6),
    connectionMinutes: cents(perMessage.connectionMinutes * 1e6),
    lambdaRequests: cents(perMessage.lambdaRequests * 1e6),
    lambdaDuration: cents(perMessage.lambdaDuration * 1e6),
    dynamoReads: cents(perMessage.dynamoReads * 1e6),
    dynamoWrites: cents(perMessage.dynamoWrites * 1e6),
    total: cents(total * 1e6),
  };
}

// DynamoDB commands by the kind of request unit they consume.
const READ_COMMANDS = new Set(["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"]);
const WRITE_COMMANDS = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);
// DynamoDB Local reports a transaction's items at the standard rate; AWS bills
// transactional reads and writes at twice it.
const TRANSACTIONS = new Set(["TransactGetItems", "TransactWriteItems"]);

const commandOf = (key: string) => key.replace(/^dynamodb:/, "").replace(/Command$/, "");

/**
 * Read and write request units from metered DynamoDB calls: per
 * "dynamodb:<Command>" key, the units DynamoDB reported (ReturnConsumedCapacity),
 * plus one unit for each call that reported none (a failed condition still
 * costs a write); transactions doubled.
 */
export function requestUnits(
  counts: Record<string, number>,
  reported: Record<string, number> = {},
  unreported: Record<string, number> = {},
): { read: number; write: number; estimatedCalls: number } {
  let read = 0;
  let write = 0;
  let estimatedCalls = 0;
  for (const key of Object.keys(counts)) {
    if (!key.startsWith("dynamodb:")) continue;
    const command = commandOf(key);
    const missing = reported[key] === undefined ? (counts[key] ?? 0) : (unreported[key] ?? 0);
    estimatedCalls += missing;
    const units = ((reported[key] ?? 0) + missing) * (TRANSACTIONS.has(command) ? 2 : 1);
    if (READ_COMMANDS.has(command)) read += units;
    else if (WRITE_COMMANDS.has(command)) write += units;
  }
  return { read, write, estimatedCalls };
}
