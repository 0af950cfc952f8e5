import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { MAX_EVENT_BYTES, MAX_RESPONSE_BYTES } from "../src/invocation";
import { inProcessFunction } from "../src/lambda";

// Handlers run as Lambda's Node.js runtime runs them: async or callback-style,
// within the function's timeout.
const invoke = (handler: Parameters<typeof inProcessFunction>[1], timeoutMs = 1000) =>
  inProcessFunction("probe", handler, { timeoutMs }).invoke({ ping: 1 });

describe("a Lambda function's handler", () => {
  it("may be async", async () => {
    await expect(invoke(async (event: unknown) => ({ statusCode: 200, body: JSON.stringify(event) }))).resolves.toEqual(
      {
        statusCode: 200,
        body: '{"ping":1}',
      },
    );
  });

  it("may answer through the callback, as AWS's own samples do", async () => {
    const callbackStyle = (
      _event: unknown,
      _context: Context,
      callback: (error: unknown, result?: unknown) => void,
    ) => {
      setTimeout(() => callback(null, { statusCode: 200 }), 5);
    };
    await expect(invoke(callbackStyle)).resolves.toEqual({ statusCode: 200 });
    const failing = (_event: unknown, _context: Context, callback: (error: unknown) => void) =>
      callback(new Error("no"));
    await expect(invoke(failing)).rejects.toThrow("no");
  });

  it("may answer through context.succeed and context.fail", async () => {
    await expect(invoke((_event: unknown, context: Context) => void context.succeed({ ok: true }))).resolves.toEqual({
      ok: true,
    });
    await expect(invoke((_event: unknown, context: Context) => void context.fail("broken"))).rejects.toThrow("broken");
  });

  it("gets its event and gives its result as JSON, as on Lambda; a result JSON refuses fails the invocation", async () => {
    const run = inProcessFunction("probe", async (event: unknown) => ({
      at: new Date(0),
      method() {},
      eventHasSkipped: "skipped" in (event as object),
    }));
    await expect(run.invoke({ skipped: undefined })).resolves.toStrictEqual({
      at: "1970-01-01T00:00:00.000Z",
      eventHasSkipped: false,
    });
    await expect(invoke(async () => undefined)).resolves.toBeNull();
    await expect(
      inProcessFunction("echo", async (event: unknown) => ({ event })).invoke(undefined),
    ).resolves.toStrictEqual({
      event: null,
    });
    await expect(invoke(async () => ({ count: 1n }))).rejects.toMatchObject({
      name: "Runtime.JSONStringifyError",
      message: "Unable to stringify response body",
    });
  });

  it("fails a response past Lambda's 6 MB quota, as Lambda does", async () => {
    // The JSON text of a string is the string and its two quotes.
    const text = (bytes: number) => "x".repeat(bytes - 2);
    await expect(invoke(async () => text(MAX_RESPONSE_BYTES))).resolves.toHaveLength(MAX_RESPONSE_BYTES - 2);
    await expect(invoke(async () => text(MAX_RESPONSE_BYTES + 1))).rejects.toMatchObject({
      name: "Function.ResponseSizeTooLarge",
      message: `Response payload size (${MAX_RESPONSE_BYTES + 1} bytes) exceeded maximum allowed payload size (6291556 bytes).`,
    });
    // Counted in UTF-8 bytes, not characters.
    await expect(invoke(async () => "é".repeat(MAX_RESPONSE_BYTES / 2))).rejects.toMatchObject({
      name: "Function.ResponseSizeTooLarge",
    });
  });

  it("refuses an event past Lambda's 6 MB quota without running the handler, as Lambda does", async () => {
    let runs = 0;
    const counting = inProcessFunction("probe", async () => ++runs);
    // The event's JSON text is the string and its two quotes.
    const event = (bytes: number) => "x".repeat(bytes - 2);
    await expect(counting.invoke(event(MAX_EVENT_BYTES))).resolves.toBe(1);
    await expect(counting.invoke(event(MAX_EVENT_BYTES + 1))).rejects.toMatchObject({
      name: "RequestEntityTooLargeException",
      message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
    });
    // Counted in UTF-8 bytes, not characters.
    await expect(counting.invoke("é".repeat(MAX_EVENT_BYTES / 2))).rejects.toMatchObject({
      name: "RequestEntityTooLargeException",
    });
    expect(runs).toBe(1);
  });

  it("fails with Lambda's 'Task timed out' past its timeout, and sees its deadline in the context", async () => {
    let remaining = -1;
    const slow = async (_event: unknown, context: Context) => {
      remaining = context.getRemainingTimeInMillis();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return "late";
    };
    await expect(invoke(slow, 50)).rejects.toThrow("Task timed out after 0.05 seconds");
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(50);
  });
});
