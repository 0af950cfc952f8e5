// The dollar arithmetic of the cost step (pricing.ts, peer-designs.ts,
// pricing-model.ts): pure, no stack.
import { describe, expect, it } from "vitest";
import {
  gsiDesign,
  type MeasuredMessage,
  modelledLambdaMs,
  PEER_CONNECTION_ITEM_BYTES,
  scanDesign,
} from "./peer-designs";
import {
  billedMs,
  DYNAMODB_READ_UNIT_USD,
  DYNAMODB_WRITE_UNIT_USD,
  dollarsPerMillion,
  gbSeconds,
  LAMBDA_GB_SECOND_USD,
  type MessageUsage,
  pageReadUnits,
  readAllUnits,
  requestUnits,
  WEBSOCKET_MESSAGE_USD,
  websocketMessageUnits,
} from "./pricing";
import { dollarCost, scanLabel, WS_FUNCTION_MEMORY_MB } from "./pricing-model";
import type { CostResult } from "./results-types";

const none: MessageUsage = {
  messagesIn: 0,
  messagesOut: 0,
  connectionMinutes: 0,
  lambdaInvocations: 0,
  lambdaBilledMs: 0,
  lambdaMemoryMb: 1024,
  dynamoReadUnits: 0,
  dynamoWriteUnits: 0,
};

describe("published prices", () => {
  it("are the us-east-1 figures the README cites", () => {
    expect(WEBSOCKET_MESSAGE_USD * 1e6).toBeCloseTo(1.0, 10);
    expect(DYNAMODB_WRITE_UNIT_USD * 1e6).toBeCloseTo(0.625, 10);
    expect(DYNAMODB_READ_UNIT_USD * 1e6).toBeCloseTo(0.125, 10);
    expect(LAMBDA_GB_SECOND_USD).toBe(0.0000166667);
  });

  it("price the WebSocket functions at their configured memory (infra/settings.ts)", () => {
    expect(WS_FUNCTION_MEMORY_MB).toBe(1024);
  });
});

describe("billing units", () => {
  it("meters WebSocket messages in 32 KB units, at least one", () => {
    expect(websocketMessageUnits(0)).toBe(1);
    expect(websocketMessageUnits(200)).toBe(1);
    expect(websocketMessageUnits(32 * 1024)).toBe(1);
    expect(websocketMessageUnits(32 * 1024 + 1)).toBe(2);
    expect(websocketMessageUnits(33 * 1024)).toBe(2);
  });

  it("rounds Lambda durations up to the millisecond and prices GB-seconds by memory", () => {
    expect(billedMs(0.2)).toBe(1);
    expect(billedMs(12.01)).toBe(13);
    expect(gbSeconds(1000, 1024)).toBe(1);
    expect(gbSeconds(1000, 512)).toBe(0.5);
  });

  it("sums a page's items before rounding to 4 KB; eventually consistent reads are half", () => {
    expect(pageReadUnits(100, true)).toBe(1);
    expect(pageReadUnits(4096, true)).toBe(1);
    expect(pageReadUnits(4097, true)).toBe(2);
    expect(pageReadUnits(10_500, false)).toBe(1.5);
  });

  it("reads a table page by page (1 MB pages)", () => {
    // 100 items of 105 bytes: 10,500 bytes, one page, 3 units (what DynamoDB Local reports).
    expect(readAllUnits(100, 105, true)).toEqual({ units: 3, pages: 1 });
    // 100,000 items of 50 bytes: 5,000,000 bytes in 5 pages (20,971 items each, the last 16,116).
    const scan = readAllUnits(100_000, 50, false);
    expect(scan.pages).toBe(5);
    expect(scan.units).toBe((4 * Math.ceil((20_971 * 50) / 4096) + Math.ceil((16_116 * 50) / 4096)) / 2);
  });

  it("takes DynamoDB's reported units, one per call that reported none, and doubles transactions", () => {
    const units = requestUnits(
      {
        "dynamodb:UpdateItemCommand": 2,
        "dynamodb:PutItemCommand": 1,
        "dynamodb:QueryCommand": 1,
        "dynamodb:TransactWriteItemsCommand": 1,
        "dynamodb:GetItemCommand": 1,
        "management:PostToConnectionCommand": 50,
      },
      {
        "dynamodb:UpdateItemCommand": 1,
        "dynamodb:PutItemCommand": 3,
        "dynamodb:QueryCommand": 2.5,
        "dynamodb:TransactWriteItemsCommand": 2,
      },
      { "dynamodb:UpdateItemCommand": 1 },
    );
    // Writes: UpdateItem 1 + 1 estimated, PutItem 3, the transaction 2 × 2. Reads: Query 2.5, GetItem 1 estimated.
    expect(units).toEqual({ write: 9, read: 3.5, estimatedCalls: 2 });
  });
});

describe("dollars per million messages", () => {
  it("prices each line of the bill", () => {
    expect(dollarsPerMillion({ ...none, messagesIn: 1, messagesOut: 500 }).apiMessages).toBe(501);
    expect(dollarsPerMillion({ ...none, connectionMinutes: 4 }).connectionMinutes).toBe(1);
    expect(dollarsPerMillion({ ...none, lambdaInvocations: 1 }).lambdaRequests).toBe(0.2);
    // 1 s at 1 GB: one GB-second per message.
    expect(dollarsPerMillion({ ...none, lambdaBilledMs: 1000 }).lambdaDuration).toBe(16.6667);
    expect(dollarsPerMillion({ ...none, dynamoWriteUnits: 2 }).dynamoWrites).toBe(1.25);
    expect(dollarsPerMillion({ ...none, dynamoReadUnits: 4 }).dynamoReads).toBe(0.5);
  });

  it("totals the lines", () => {
    const bill = dollarsPerMillion({
      messagesIn: 1,
      messagesOut: 50,
      connectionMinutes: 5,
      lambdaInvocations: 1,
      lambdaBilledMs: 100,
      lambdaMemoryMb: 1024,
      dynamoReadUnits: 2,
      dynamoWriteUnits: 2,
    });
    expect(bill.total).toBeCloseTo(51 + 1.25 + 0.2 + 1.66667 + 0.25 + 1.25, 3);
  });
});

const measured: MeasuredMessage = {
  roomSize: 50,
  messagesIn: 1,
  postUnitsPerMember: 1,
  lambdaBilledMs: 100,
  lambdaMemoryMb: 1024,
  dynamoMs: 20,
  dynamoRequestMs: 10,
};

describe("peer designs", () => {
  it("GSI: one eventually consistent Query of the room's items, one post per member, no writes", () => {
    const { usage, readPages } = gsiDesign(measured, 5);
    expect(readPages).toBe(1);
    // 50 items of 50 bytes: 2,500 bytes, half a unit.
    expect(usage).toMatchObject({ messagesIn: 1, messagesOut: 50, dynamoReadUnits: 0.5, dynamoWriteUnits: 0 });
    expect(usage.lambdaBilledMs).toBe(100 - 20 + 10);
  });

  it("Scan: reads the whole table whatever the room, posts to the room", () => {
    const small = scanDesign(measured, 72, 5);
    const large = scanDesign(measured, 100_000, 5);
    expect(small.usage.messagesOut).toBe(50);
    expect(large.usage.messagesOut).toBe(50);
    expect(large.usage.dynamoReadUnits).toBe(readAllUnits(100_000, PEER_CONNECTION_ITEM_BYTES, false).units);
    expect(large.readPages).toBe(5);
    expect(large.usage.lambdaBilledMs).toBe(100 - 20 + 5 * 10);
    // Never fewer items than the room itself.
    expect(scanDesign(measured, 10, 5).usage.dynamoReadUnits).toBe(gsiDesign(measured, 5).usage.dynamoReadUnits);
  });

  it("a peer connection item is { connectionId, roomId } with 16-character ids", () => {
    expect(PEER_CONNECTION_ITEM_BYTES).toBe(12 + 16 + 6 + 16);
  });

  it("modelled Lambda time is at least 1 ms", () => {
    expect(modelledLambdaMs({ ...measured, lambdaBilledMs: 5, dynamoMs: 40 }, 0)).toBe(1);
  });
});

describe("dollarCost", () => {
  const cost = (roomSize: number): CostResult => ({
    roomSize,
    messages: 5,
    perMessage: {},
    dynamoRequestsPerMessage: 3,
    memberQueryPagesPerMessage: 1,
    postsPerMessage: roomSize,
    postsPerMember: 1,
    timeSplit: {
      ingressMs: 1,
      dynamoMs: 10,
      dynamoWireMs: 9,
      handlerMs: 1,
      postsMs: 5,
      postRoundTripMs: 1,
      totalMs: 20,
    },
    connectSeconds: 1,
    lost: 0,
    duplicated: 0,
    billing: {
      frameBytes: 90,
      messagesIn: 1,
      messagesOut: roomSize,
      postBytes: 200,
      readUnits: 1,
      writeUnits: 2,
      capacityEstimatedCalls: 0,
      dynamoRequestMs: 5,
      invocations: { "ws-send-message": 1 },
      lambdaBilledMs: 20,
      durationSource: "handler",
    },
  });

  it("prices ours as measured and each peer at every room size, the Scan at each table size", () => {
    const result = dollarCost([cost(50), cost(2)], {
      connectionMinutesPerMessage: 5,
      benchConnections: 72,
      scanTableConnections: [100_000, 72],
    });
    expect(result.rows.map((row) => [row.roomSize, row.label])).toEqual([
      [2, "ours (Query of the room's members)"],
      [2, "GSI Query + Promise.all"],
      [2, scanLabel(72)],
      [2, scanLabel(100_000)],
      [50, "ours (Query of the room's members)"],
      [50, "GSI Query + Promise.all"],
      [50, scanLabel(72)],
      [50, scanLabel(100_000)],
    ]);
    const ours2 = result.rows[0]!;
    expect(ours2.source).toBe("measured");
    // 3 messages, 5 connection minutes, 1 invocation of 20 ms, 1 RRU, 2 WRU.
    expect(ours2.perMillion.total).toBeCloseTo(3 + 1.25 + 0.2 + 0.333334 + 0.125 + 1.25, 3);
    // Every design pays the same posts in the same room.
    for (const row of result.rows) expect(row.perMillion.apiMessages).toBe(row.roomSize + 1);
    // The Scan's reads grow with the table, not the room.
    const scanLarge = result.rows.filter((row) => row.tableConnections === 100_000);
    expect(scanLarge[0]!.perMillion.dynamoReads).toBe(scanLarge[1]!.perMillion.dynamoReads);
  });

  it("skips a room size measured without billing figures", () => {
    const { billing: _, ...unbilled } = cost(2);
    expect(
      dollarCost([unbilled], { connectionMinutesPerMessage: 5, benchConnections: 10, scanTableConnections: [] }).rows,
    ).toEqual([]);
  });
});
