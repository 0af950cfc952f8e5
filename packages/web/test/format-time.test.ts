import { describe, expect, it } from "vitest";
import { formatTime } from "../src/lib/format-time";

describe("formatTime", () => {
  it("shows hours and minutes with two digits each, 00-23", () => {
    const midnight = new Date(2025, 0, 2, 0, 5).toISOString();
    const evening = new Date(2025, 0, 2, 21, 30).toISOString();
    expect(formatTime(midnight)).toBe("00:05");
    expect(formatTime(evening)).toBe("21:30");
  });

  it("shows nothing for a date it cannot read", () => {
    expect(formatTime("not a date")).toBe("");
  });
});
