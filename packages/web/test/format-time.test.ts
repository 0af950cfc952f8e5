import { describe, expect, it } from "vitest";
import { dayOf, formatDay, formatFull, formatTime } from "../src/lib/format-time";

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

describe("formatDay", () => {
  const now = new Date(2026, 11, 3, 0, 10);

  it("names today and yesterday by the viewer's calendar, not by 24-hour spans", () => {
    expect(formatDay(new Date(2026, 11, 3, 0, 0).toISOString(), now)).toBe("Today");
    expect(formatDay(new Date(2026, 11, 2, 23, 59).toISOString(), now)).toBe("Yesterday");
    expect(formatDay(new Date(2026, 11, 2, 0, 0).toISOString(), now)).toBe("Yesterday");
    expect(dayOf(new Date(2026, 11, 2, 23, 59).toISOString())).not.toBe(dayOf(now.toISOString()));
  });

  it("dates the other days, with the year only when it is not this one", () => {
    const thisYear = formatDay(new Date(2026, 10, 30, 12).toISOString(), now);
    expect(thisYear).toMatch(/Monday/);
    expect(thisYear).toMatch(/30/);
    expect(thisYear).not.toMatch(/2026/);
    expect(formatDay(new Date(2025, 11, 31, 12).toISOString(), now)).toMatch(/Wednesday.*2025|2025.*Wednesday/);
  });

  it("shows nothing for a date it cannot read", () => {
    expect(formatDay("not a date", now)).toBe("");
    expect(dayOf("not a date")).toBe("");
  });
});

describe("formatFull", () => {
  it("gives the weekday, the date with its year, and the time to the second", () => {
    const full = formatFull(new Date(2026, 10, 30, 21, 5, 9).toISOString());
    expect(full).toMatch(/Monday/);
    expect(full).toMatch(/2026/);
    expect(full).toMatch(/21:05:09|9:05:09/);
    expect(formatFull("not a date")).toBe("");
  });
});
