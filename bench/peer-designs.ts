// The two designs people copy for a serverless WebSocket chat, modelled from
// their code for the same room sizes as ours, in the units AWS bills. Pure.
//
// - "scan": AWS's simple-websockets-chat-app (github.com/aws-samples/
//   simple-websockets-chat-app, sendmessage/app.js): every message Scans the
//   whole connections table (ProjectionExpression connectionId, eventually
//   consistent), posts to every connection it finds with Promise.all, and
//   deletes a connection that answers 410. The sample has one room, the whole
//   table; a copy with rooms stores a roomId on each connection item and
//   filters the Scan by it, which still reads (and bills) every item: the
//   posts go to the room, the reads grow with the table.
// - "gsi": connection items carry a roomId with a global secondary index on
//   it; every message Querys the index for the room (index reads are
//   eventually consistent) and posts to each with Promise.all.
//
// Neither stores the message or rate-limits the sender (ours does both: an
// UpdateItem and a PutItem per message). Stale connections (410) are taken
// as rare: no deletes are counted, for any design.
import { type MessageUsage, readAllUnits } from "./pricing";

/** API Gateway connection ids are 16 characters ("L0SM9cOFvHcCIhw="). */
export const CONNECTION_ID_CHARS = 16;
/** A room id as ours makes them (12 random bytes, base64url). */
export const ROOM_ID_CHARS = 16;
/** A peer connection item: { connectionId, roomId }; DynamoDB sizes an item as its attribute names plus values. */
export const PEER_CONNECTION_ITEM_BYTES = "connectionId".length + CONNECTION_ID_CHARS + "roomId".length + ROOM_ID_CHARS;

/** What the peers' usage is scaled from: our measured message in a room of the same size. */
export interface MeasuredMessage {
  roomSize: number;
  /** API Gateway messages: the client's frame, and the posts' 32 KB units per member. */
  messagesIn: number;
  postUnitsPerMember: number;
  /** Our handler's billed ms for the message. */
  lambdaBilledMs: number;
  lambdaMemoryMb: number;
  /** Our handler's DynamoDB wall time (its requests' critical path), ms. */
  dynamoMs: number;
  /** The median DynamoDB request's round trip, ms. */
  dynamoRequestMs: number;
}

export interface PeerMessage {
  usage: MessageUsage;
  /** Query or Scan pages read one after the other. */
  readPages: number;
}

/**
 * The same handler work around a different DynamoDB critical path: our
 * measured duration (mostly the fan-out of N posts, which every design does)
 * less our DynamoDB time, plus one median request per page the design reads
 * one after the other. A 1 MB Scan page takes longer than a small request, so
 * for large tables this is a lower bound.
 */
export function modelledLambdaMs(measured: MeasuredMessage, readPages: number): number {
  return Math.max(1, Math.ceil(measured.lambdaBilledMs - measured.dynamoMs + readPages * measured.dynamoRequestMs));
}

function peerMessage(
  measured: MeasuredMessage,
  read: { units: number; pages: number },
  connectionMinutes: number,
): PeerMessage {
  return {
    usage: {
      messagesIn: measured.messagesIn,
      messagesOut: measured.roomSize * measured.postUnitsPerMember,
      connectionMinutes,
      lambdaInvocations: 1,
      lambdaBilledMs: modelledLambdaMs(measured, read.pages),
      lambdaMemoryMb: measured.lambdaMemoryMb,
      dynamoReadUnits: read.units,
      dynamoWriteUnits: 0,
    },
    readPages: read.pages,
  };
}

/** Scan of a table of `tableConnections` connection items per message, posts to the room's members. */
export function scanDesign(
  measured: MeasuredMessage,
  tableConnections: number,
  connectionMinutes: number,
  itemBytes = PEER_CONNECTION_ITEM_BYTES,
): PeerMessage {
  const items = Math.max(tableConnections, measured.roomSize);
  return peerMessage(measured, readAllUnits(items, itemBytes, false), connectionMinutes);
}

/** Query of the roomId index per message (the room's items only), posts to each. */
export function gsiDesign(
  measured: MeasuredMessage,
  connectionMinutes: number,
  itemBytes = PEER_CONNECTION_ITEM_BYTES,
): PeerMessage {
  return peerMessage(measured, readAllUnits(measured.roomSize, itemBytes, false), connectionMinutes);
}
