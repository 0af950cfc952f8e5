import { describe, expect, it } from "vitest";
import { throttle } from "../src/lib/throttle";

describe("throttle", () => {
  it("calls at most once per interval", () => {
    let now = 0;
    let calls = 0;
    const typing = throttle(
      () => calls++,
      2000,
      () => now,
    );
    typing();
    now = 500;
    typing();
    now = 1999;
    typing();
    expect(calls).toBe(1);
    now = 2000;
    typing();
    expect(calls).toBe(2);
  });
});

describe("throttle.reset", () => {
  it("lets the next call through at once", () => {
    let calls = 0;
    const typing = throttle(
      () => calls++,
      2000,
      () => 0,
    );
    typing();
    typing.reset();
    typing();
    expect(calls).toBe(2);
  });
});
