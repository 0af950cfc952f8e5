import { describe, expect, it } from "vitest";
import { codePointLength, nameProblem } from "../src/lib/text-rules";

describe("name rules", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("😀😀")).toBe(2);
    expect(nameProblem("😀".repeat(32), 32)).toBeNull();
    expect(nameProblem("😀".repeat(33), 32)).not.toBeNull();
  });

  it("refuses blank names and control characters", () => {
    expect(nameProblem("   ", 32)).not.toBeNull();
    expect(nameProblem("a\u0007b", 32)).not.toBeNull();
    expect(nameProblem("  Alice  ", 32)).toBeNull();
  });
});
