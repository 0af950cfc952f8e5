import { describe, expect, it } from "vitest";
import { mergeMessages, newestMessageId } from "../src/lib/merge-messages";
import { message } from "./fixtures";

describe("mergeMessages", () => {
  it("drops duplicate ids and orders by id", () => {
    const merged = mergeMessages([message("03"), message("01")], [message("02"), message("03"), message("00")]);
    expect(merged.map((m) => m.id)).toEqual(["00", "01", "02", "03"]);
  });

  it("keeps the incoming copy of a message seen twice", () => {
    const merged = mergeMessages([message("01", { text: "old" })], [message("01", { text: "new" })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.text).toBe("new");
  });

  it("orders ULID-like ids as strings, not numbers", () => {
    const merged = mergeMessages([], [message("01JB"), message("01JA9"), message("01JAZ")]);
    expect(merged.map((m) => m.id)).toEqual(["01JA9", "01JAZ", "01JB"]);
  });

  it("returns the same array when nothing comes in", () => {
    const existing = [message("01")];
    expect(mergeMessages(existing, [])).toBe(existing);
  });
});

describe("newestMessageId", () => {
  it("finds the greatest id, or undefined for none", () => {
    expect(newestMessageId([message("02"), message("09"), message("05")])).toBe("09");
    expect(newestMessageId([])).toBeUndefined();
  });
});
