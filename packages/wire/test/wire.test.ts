import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  brokenNameRule,
  ClientFrame,
  ClientMessageId,
  DisplayName,
  ErrorBody,
  LATE_MESSAGE_WINDOW_MS,
  lateMessagesFrom,
  lowestMessageIdAt,
  MAX_CLIENT_MESSAGE_ID_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MessageId,
  MessagesPage,
  MessageText,
  messageIdTime,
  parseGatewayFrame,
  parseServerFrame,
  RoomId,
  RoomName,
  RoomsPage,
} from "../src/index";

describe("limits", () => {
  it("are the ones the schemas enforce", () => {
    expect(v.is(RoomName, "r".repeat(MAX_ROOM_NAME_LENGTH))).toBe(true);
    expect(v.is(RoomName, "r".repeat(MAX_ROOM_NAME_LENGTH + 1))).toBe(false);
    expect(v.is(DisplayName, "d".repeat(MAX_DISPLAY_NAME_LENGTH))).toBe(true);
    expect(v.is(DisplayName, "d".repeat(MAX_DISPLAY_NAME_LENGTH + 1))).toBe(false);
    expect(v.is(MessageText, "m".repeat(MAX_MESSAGE_LENGTH))).toBe(true);
    expect(v.is(MessageText, "m".repeat(MAX_MESSAGE_LENGTH + 1))).toBe(false);
    expect(v.is(ClientMessageId, "c".repeat(MAX_CLIENT_MESSAGE_ID_LENGTH))).toBe(true);
    expect(v.is(ClientMessageId, "c".repeat(MAX_CLIENT_MESSAGE_ID_LENGTH + 1))).toBe(false);
  });
});

describe("brokenNameRule", () => {
  it("names the first rule a name breaks, in the server's order", () => {
    expect(brokenNameRule(DisplayName, "  Ann  ")).toBeNull();
    expect(brokenNameRule(DisplayName, 5)).toBe("type");
    expect(brokenNameRule(DisplayName, "a\udc00")).toBe("unicode");
    expect(brokenNameRule(DisplayName, " \u3000 ")).toBe("empty");
    expect(brokenNameRule(DisplayName, "😀".repeat(MAX_DISPLAY_NAME_LENGTH + 1))).toBe("length");
    expect(brokenNameRule(RoomName, "😀".repeat(MAX_DISPLAY_NAME_LENGTH + 1))).toBeNull();
    expect(brokenNameRule(RoomName, "a\tb")).toBe("control");
    expect(brokenNameRule(RoomName, "a\u2066b\u2069")).toBe("invisible");
    expect(brokenNameRule(RoomName, "\u3164")).toBe("visible");
  });
});

describe("ids", () => {
  it("take what the server hands out", () => {
    expect(v.is(RoomId, "LCI7esIKyggE8xNl")).toBe(true);
    expect(v.is(RoomId, "ROOM#x")).toBe(false);
    expect(v.is(MessageId, "01M8E712VPFXXHC8ZKBV4D0AWW")).toBe(true);
    expect(v.is(MessageId, "01M8E712VPFXXHC8ZKBV4D0AWU")).toBe(false); // U is not Crockford base32
  });
});

const ann = { id: "iQ4j4fEOUN1m", name: "guest-fcd8" };
const room = { id: "LCI7esIKyggE8xNl", name: "Lobby", createdAt: "2026-11-27T09:57:40.485Z", members: 2 };
const message = {
  id: "01M8E712VPFXXHC8ZKBV4D0AWW",
  roomId: room.id,
  text: " hi ",
  author: ann,
  sentAt: "2026-11-27T09:57:47.510Z",
  clientMessageId: "c1",
};

describe("server frames", () => {
  it("parse every frame docs/api.md shows", () => {
    const frames = [
      { type: "message", message },
      { type: "join", member: ann, members: 2, countedAt: 1795773466120 },
      { type: "leave", member: ann, members: 1, countedAt: 1795773471384 },
      { type: "leave", member: ann, members: 1 },
      { type: "presence", joined: [], left: [ann], members: 1 },
      { type: "typing", member: ann },
      { type: "welcome", you: ann, room, members: [ann] },
      { type: "welcome", you: ann, room, members: [ann], countedAt: 1795773466530 },
      { type: "error", error: { code: "unknown_action", message: 'no route for action "shout"' } },
      { type: "error", error: { code: "rate_limited", message: "too many frames; slow down" }, clientMessageId: "c1" },
    ];
    for (const frame of frames) expect(parseServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it("refuse what is not in the contract, without throwing", () => {
    expect(parseServerFrame("not json")).toBeUndefined();
    expect(parseServerFrame(JSON.stringify({ type: "shout" }))).toBeUndefined();
    expect(parseServerFrame(JSON.stringify({ type: "message", message: { id: 1 } }))).toBeUndefined();
    expect(parseServerFrame(JSON.stringify({ type: "join", member: ann }))).toBeUndefined();
  });

  it("tell API Gateway's own frames apart from the contract's", () => {
    const gateway = { message: "Internal server error", connectionId: "abc=", requestId: "def=" };
    expect(parseGatewayFrame(JSON.stringify(gateway))).toEqual(gateway);
    expect(parseServerFrame(JSON.stringify(gateway))).toBeUndefined();
    expect(parseGatewayFrame(JSON.stringify({ type: "typing", member: ann }))).toBeUndefined();
    expect(parseGatewayFrame("Internal server error")).toBeUndefined();
  });

  it("check structure, not content: names stored under earlier rules still arrive", () => {
    const old = { ...ann, name: "ad\u200bmin" };
    expect(parseServerFrame(JSON.stringify({ type: "typing", member: old }))).toEqual({ type: "typing", member: old });
  });
});

describe("HTTP bodies", () => {
  it("parse pages and error bodies", () => {
    expect(v.is(RoomsPage, { rooms: [room], cursor: null })).toBe(true);
    expect(v.is(MessagesPage, { messages: [message], cursor: "abc" })).toBe(true);
    expect(v.is(RoomsPage, { rooms: [room] })).toBe(false);
    expect(v.is(ErrorBody, { error: { code: "not_found", message: "no such room" } })).toBe(true);
  });
});

describe("client frames", () => {
  it("are sendMessage with valid data, typing or hello", () => {
    expect(v.is(ClientFrame, { action: "sendMessage", data: { message: "hi", clientMessageId: "c1" } })).toBe(true);
    expect(v.is(ClientFrame, { action: "sendMessage", data: { message: "   " } })).toBe(false);
    expect(v.is(ClientFrame, { action: "typing" })).toBe(true);
    expect(v.is(ClientFrame, { action: "hello" })).toBe(true);
    expect(v.is(ClientFrame, { action: "shout" })).toBe(false);
  });
});

describe("message ids and time", () => {
  it("reads the time a ULID begins with, and makes the lowest id of a time", () => {
    // The ULID specification's example.
    expect(messageIdTime("01ARYZ6S41TSV4RRFFQ69G5FAV")).toBe(1469918176385);
    expect(lowestMessageIdAt(1469918176385)).toBe("01ARYZ6S410000000000000000");
    expect(v.is(MessageId, lowestMessageIdAt(Date.now()))).toBe(true);
    expect(lowestMessageIdAt(-5)).toBe("0".repeat(26));
    expect(lowestMessageIdAt(1469918176385) < "01ARYZ6S41TSV4RRFFQ69G5FAV").toBe(true);
  });

  it("starts a backfill far enough back for a message stored as late as its handler may run", () => {
    const newest = "01ARYZ6S41TSV4RRFFQ69G5FAV";
    const from = lateMessagesFrom(newest);
    expect(messageIdTime(from)).toBe(messageIdTime(newest) - LATE_MESSAGE_WINDOW_MS);
    expect(LATE_MESSAGE_WINDOW_MS).toBeGreaterThan(29_000);
  });
});
