import { describe, expect, it } from "vitest";
import { ChatError } from "../src/errors";
import {
  CreateRoomBody,
  DisplayName,
  ListMessagesQuery,
  ListRoomsQuery,
  MessageText,
  parse,
  SendMessageData,
} from "../src/schemas";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
};

describe("names", () => {
  it("are trimmed and counted in code points", () => {
    expect(parse(CreateRoomBody, { name: "  Café  " })).toEqual({ name: "Café" });
    expect(parse(DisplayName, "👩‍💻".repeat(6))).toHaveLength(30); // 5 code points each
    expect(() => parse(DisplayName, "😀".repeat(33))).toThrow(ChatError);
    expect(parse(DisplayName, "😀".repeat(32))).toBe("😀".repeat(32));
  });

  it("refuse control characters with invalid_request and a message naming the field", () => {
    const error = refusal(() => parse(CreateRoomBody, { name: "tab\there" })) as ChatError;
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/^name: .*control/);
    // The line and paragraph separators break a line as a newline does.
    for (const name of ["Line1\u2028Line2", "Ann\u2029Admin"]) {
      expect(() => parse(DisplayName, name), JSON.stringify(name)).toThrow(/control/);
    }
  });
});

describe("lookalike and invisible names", () => {
  it("refuse names with nothing visible in them", () => {
    for (const name of ["\u200b", "\u200c\u200d", "\u0301", "\u2800", "\u3164\u3164"]) {
      expect(() => parse(DisplayName, name), JSON.stringify(name)).toThrow(ChatError);
    }
  });

  it("refuse invisible formatting and bidirectional controls inside a name", () => {
    for (const name of ["ad\u200bmin", "\u202eadmin", "a\u2066b\u2069", "x\u00ady", "bo\ufeffb", "a\u200fb"]) {
      expect(() => parse(DisplayName, name), JSON.stringify(name)).toThrow(/invisible formatting/);
    }
  });

  it("are stored in NFC, so one name has one spelling, and keep what scripts and emoji need", () => {
    expect(parse(DisplayName, "Cafe\u0301")).toBe("Caf\u00e9");
    expect(parse(DisplayName, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")).toContain("\u200c");
    expect(parse(DisplayName, "👨‍👩‍👧")).toBe("👨‍👩‍👧");
  });
});

describe("text that is not valid Unicode", () => {
  it("is refused in names, messages and client message ids", () => {
    expect(() => parse(CreateRoomBody, { name: "a\ud800b" })).toThrow(/valid Unicode/);
    expect(() => parse(MessageText, "hi \udc00")).toThrow(/valid Unicode/);
    expect(() => parse(MessageText, "\ud800")).toThrow(/^message must be valid Unicode text/);
    expect(() => parse(SendMessageData, { message: "ok", clientMessageId: "\ud800" })).toThrow(ChatError);
    expect(parse(MessageText, "emoji 😀 is a pair of surrogates, and fine")).toContain("😀");
  });
});

describe("message text", () => {
  it("is kept as sent but must not be blank or over 2000 code points once trimmed", () => {
    expect(parse(MessageText, "  hi  ")).toBe("  hi  ");
    expect(parse(MessageText, ` ${"x".repeat(2000)} `)).toHaveLength(2002);
    expect(() => parse(MessageText, " \n\t ")).toThrow(/blank/);
    // Nothing to see: zero-width spaces, a Braille blank, a Hangul filler, a direction override, NUL.
    for (const invisible of ["\u200b\u200b", "\u2800", "\u3164", "\u202e", "\u0000"]) {
      expect(() => parse(MessageText, invisible), JSON.stringify(invisible)).toThrow(/blank/);
    }
    expect(parse(MessageText, "😀")).toBe("😀");
    expect(parse(MessageText, "?")).toBe("?");
    expect(() => parse(MessageText, "x".repeat(2001))).toThrow(/2000/);
  });

  it("travels with an optional clientMessageId of 1 to 64 code points", () => {
    expect(parse(SendMessageData, { message: "a", clientMessageId: "c-1" })).toEqual({
      message: "a",
      clientMessageId: "c-1",
    });
    expect(() => parse(SendMessageData, { message: "a", clientMessageId: "" })).toThrow(ChatError);
    expect(() => parse(SendMessageData, { message: "a", clientMessageId: 5 })).toThrow(ChatError);
    expect(() => parse(SendMessageData, null)).toThrow(ChatError);
  });
});

describe("queries", () => {
  it("default the limit to 50 and accept 1..100", () => {
    expect(parse(ListRoomsQuery, {})).toEqual({ limit: 50 });
    expect(parse(ListRoomsQuery, { limit: "100" }).limit).toBe(100);
    for (const limit of ["0", "101", "-1", "1e2", " 5", ""]) {
      expect(() => parse(ListRoomsQuery, { limit })).toThrow(ChatError);
    }
  });

  it("take at most one of before and after, each a message id", () => {
    const id = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    expect(parse(ListMessagesQuery, { after: id })).toEqual({ limit: 50, after: id });
    expect(() => parse(ListMessagesQuery, { after: id, before: id })).toThrow(/at most one/);
    expect(() => parse(ListMessagesQuery, { before: "ROOM#x" })).toThrow(ChatError);
  });
});
