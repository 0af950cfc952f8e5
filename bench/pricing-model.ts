// Dollars per million messages by room size: ours from what the cost step
// measured, the peer designs (peer-designs.ts) modelled for the same rooms.
// Pure: the cost step's results in, rows out.

import { functionSizing } from "../infra/settings";
import {
  gsiDesign,
  type MeasuredMessage,
  PEER_CONNECTION_ITEM_BYTES,
  type PeerMessage,
  scanDesign,
} from "./peer-designs";
import { dollarsPerMillion, type MessageUsage, PRICE_SHEET, type PriceSheet } from "./pricing";
import type { CostResult, DesignCost, DollarCostResult } from "./results-types";

export interface DollarModelOptions {
  /** Connection minutes each message carries (how long a member stays connected per message it sends). */
  connectionMinutesPerMessage: number;
  /** Connections the bench had open: the Scan design's table at its smallest. */
  benchConnections: number;
  /** Further table sizes to price the Scan design at. */
  scanTableConnections: number[];
  prices?: PriceSheet;
}

/** Memory of the WebSocket functions (infra/settings.ts), which sets their price per ms. */
export const WS_FUNCTION_MEMORY_MB = Number.parseInt(functionSizing.ws.memory, 10);

export const DESIGN_LABELS = {
  ours: "ours (Query of the room's members)",
  gsi: "GSI Query + Promise.all",
  scan: "Scan per message",
} as const;

const thousands = (value: number) => value.toLocaleString("en-US");
export const scanLabel = (tableConnections: number) =>
  `${DESIGN_LABELS.scan} (table of ${thousands(tableConnections)})`;

/** Our message in billing units, from the cost step's measurement. */
export function ourUsage(cost: CostResult, connectionMinutes: number): MessageUsage | undefined {
  const billing = cost.billing;
  if (!billing) return undefined;
  return {
    messagesIn: billing.messagesIn,
    messagesOut: billing.messagesOut,
    connectionMinutes,
    lambdaInvocations: Object.values(billing.invocations).reduce((sum, count) => sum + count, 0),
    lambdaBilledMs: billing.lambdaBilledMs,
    lambdaMemoryMb: WS_FUNCTION_MEMORY_MB,
    dynamoReadUnits: billing.readUnits,
    dynamoWriteUnits: billing.writeUnits,
  };
}

/** What the peer models scale from. */
export function measuredMessage(cost: CostResult): MeasuredMessage | undefined {
  const billing = cost.billing;
  if (!billing) return undefined;
  return {
    roomSize: cost.roomSize,
    messagesIn: billing.messagesIn,
    postUnitsPerMember: billing.messagesOut / cost.roomSize,
    lambdaBilledMs: billing.lambdaBilledMs,
    lambdaMemoryMb: WS_FUNCTION_MEMORY_MB,
    dynamoMs: cost.timeSplit.dynamoMs,
    dynamoRequestMs: billing.dynamoRequestMs,
  };
}

/** The Scan design's table sizes: the bench's own connections, then the larger ones asked for. */
export const scanTables = (options: DollarModelOptions) =>
  [...new Set([options.benchConnections, ...options.scanTableConnections])].sort((a, b) => a - b);

/** Every design at every measured room size, in dollars per million messages. */
export function dollarCost(cost: CostResult[], options: DollarModelOptions): DollarCostResult {
  const prices = options.prices ?? PRICE_SHEET;
  const minutes = options.connectionMinutesPerMessage;
  const rows: DesignCost[] = [];
  const row = (
    design: string,
    label: string,
    roomSize: number,
    source: DesignCost["source"],
    message: PeerMessage,
    tableConnections?: number,
  ) =>
    rows.push({
      design,
      label,
      roomSize,
      ...(tableConnections !== undefined && { tableConnections }),
      source,
      usage: message.usage,
      readPages: message.readPages,
      perMillion: dollarsPerMillion(message.usage, prices),
    });
  for (const measured of [...cost].sort((a, b) => a.roomSize - b.roomSize)) {
    const usage = ourUsage(measured, minutes);
    const base = measuredMessage(measured);
    if (!usage || !base) continue;
    row("ours", DESIGN_LABELS.ours, measured.roomSize, "measured", {
      usage,
      readPages: measured.memberQueryPagesPerMessage,
    });
    row("gsi", DESIGN_LABELS.gsi, measured.roomSize, "modelled", gsiDesign(base, minutes));
    for (const table of scanTables(options)) {
      const connections = Math.max(table, measured.roomSize);
      row("scan", scanLabel(table), measured.roomSize, "modelled", scanDesign(base, connections, minutes), connections);
    }
  }
  return {
    prices,
    assumptions: {
      connectionMinutesPerMessage: minutes,
      lambdaMemoryMb: WS_FUNCTION_MEMORY_MB,
      benchConnections: options.benchConnections,
      scanTableConnections: options.scanTableConnections,
      peerConnectionItemBytes: PEER_CONNECTION_ITEM_BYTES,
    },
    rows,
  };
}
