import { MAX_DISPLAY_NAME_LENGTH, MAX_ROOM_NAME_LENGTH } from "@chat/wire";
import { describe, expect, it } from "vitest";
import { codePointLength, nameProblem } from "../src/lib/text-rules";

describe("name rules", () => {
  it("counts code points, not UTF-16 units, up to each name's limit", () => {
    expect(codePointLength("😀😀")).toBe(2);
    expect(nameProblem("😀".repeat(MAX_DISPLAY_NAME_LENGTH), "display")).toBeNull();
    expect(nameProblem("😀".repeat(MAX_DISPLAY_NAME_LENGTH + 1), "display")).toBe(
      `Use at most ${MAX_DISPLAY_NAME_LENGTH} characters.`,
    );
    expect(nameProblem("x".repeat(MAX_ROOM_NAME_LENGTH), "room")).toBeNull();
    expect(nameProblem("x".repeat(MAX_ROOM_NAME_LENGTH + 1), "room")).toBe(
      `Use at most ${MAX_ROOM_NAME_LENGTH} characters.`,
    );
  });

  it("refuses blank names and control characters", () => {
    expect(nameProblem("   ", "display")).toBe("Please enter a name.");
    expect(nameProblem("a\u0007b", "display")).toMatch(/control characters/);
    expect(nameProblem("  Alice  ", "display")).toBeNull();
  });

  it("applies the server's newer rules: invisible characters, something visible, valid Unicode, NFC", () => {
    expect(nameProblem("ad\u200bmin", "room")).toMatch(/invisible characters/);
    expect(nameProblem("\u202eadmin", "display")).toMatch(/invisible characters/);
    expect(nameProblem("\u2800", "display")).toMatch(/visible letter/);
    expect(nameProblem("a\ud800b", "display")).toMatch(/not valid Unicode/);
    // Counted after NFC: 32 "e" + combining accents compose to 32 code points.
    expect(nameProblem("e\u0301".repeat(MAX_DISPLAY_NAME_LENGTH), "display")).toBeNull();
    // Emoji sequences and scripts that need joiners are fine.
    expect(nameProblem("👨‍👩‍👧", "display")).toBeNull();
    expect(nameProblem("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "room")).toBeNull();
  });
});
