import { describe, expect, it } from "vitest";
import { roomNameMatches } from "../src/lib/room-filter";

describe("roomNameMatches", () => {
  it("finds what was typed anywhere in the name, in any case, accents aside", () => {
    expect(roomNameMatches("Team standup", "stand")).toBe(true);
    expect(roomNameMatches("Team standup", "TEAM S")).toBe(true);
    expect(roomNameMatches("Café Zoë", "cafe zoe")).toBe(true);
    expect(roomNameMatches("Cafe Zoe", "Café")).toBe(true);
    expect(roomNameMatches("日本語の部屋", "部屋")).toBe(true);
    expect(roomNameMatches("Lobby", "  lob ")).toBe(true);
  });

  it("keeps every room for an empty box, and none whose name lacks it", () => {
    expect(roomNameMatches("Lobby", "")).toBe(true);
    expect(roomNameMatches("Lobby", "   ")).toBe(true);
    expect(roomNameMatches("Lobby", "lobbies")).toBe(false);
    expect(roomNameMatches("Lobby", ".*")).toBe(false);
  });
});
