import { describe, expect, it } from "vitest";
import { retryingConflicts } from "../src/transactions";

const cancelled = (...codes: string[]) =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const noWait = async () => undefined;

describe("retryingConflicts", () => {
  it("sends again while another transaction held one of its items, then returns the result", async () => {
    let sends = 0;
    const result = await retryingConflicts(async () => {
      sends++;
      if (sends < 3) throw cancelled("None", "TransactionConflict");
      return "done";
    }, noWait);
    expect([result, sends]).toEqual(["done", 3]);
  });

  it("throws any other cancellation at once", async () => {
    let sends = 0;
    const failing = retryingConflicts(async () => {
      sends++;
      throw cancelled("ConditionalCheckFailed", "None");
    }, noWait);
    await expect(failing).rejects.toThrow("Transaction cancelled");
    expect(sends).toBe(1);
  });

  it("gives up after five conflicts in a row", async () => {
    let sends = 0;
    const failing = retryingConflicts(async () => {
      sends++;
      throw cancelled("TransactionConflict");
    }, noWait);
    await expect(failing).rejects.toThrow("Transaction cancelled");
    expect(sends).toBe(5);
  });
});
