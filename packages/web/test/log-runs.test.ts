import { describe, expect, it } from "vitest";
import { splitIntoRuns } from "../src/lib/log-runs";

const items = (...keys: string[]) => keys.map((key) => ({ key }));
const range = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
const shape = (runs: { items: { key: string }[] }[]) => runs.map((run) => run.items.map((item) => item.key).join(","));

describe("splitIntoRuns", () => {
  it("fills runs up to the size, in order", () => {
    const { runs, starts } = splitIntoRuns(items("a", "b", "c", "d", "e"), new Set(), 2);
    expect(shape(runs)).toEqual(["a,b", "c,d", "e"]);
    expect(runs.map((run) => run.key)).toEqual(["a", "c", "e"]);
    expect([...starts]).toEqual(["a", "c", "e"]);
  });

  it("keeps every item in its run as new ones come: they fill the last run, then start another", () => {
    const first = splitIntoRuns(items(...range("m", 5)), new Set(), 3);
    const later = splitIntoRuns(items(...range("m", 8)), first.starts, 3);
    expect(shape(later.runs)).toEqual(["m0,m1,m2", "m3,m4,m5", "m6,m7"]);
  });

  it("puts older items before the first run in runs of their own, and leaves the others as they were", () => {
    const first = splitIntoRuns(items("m0", "m1", "m2", "m3"), new Set(), 3);
    const withOlder = splitIntoRuns(items("o0", "o1", "o2", "o3", "m0", "m1", "m2", "m3"), first.starts, 3);
    expect(shape(withOlder.runs)).toEqual(["o0,o1,o2", "o3", "m0,m1,m2", "m3"]);
  });

  it("lets an item put in between lengthen its run up to the size, moving only the last one on", () => {
    const first = splitIntoRuns(items("a", "b", "c", "d"), new Set(), 3);
    expect(shape(first.runs)).toEqual(["a,b,c", "d"]);
    const withNotice = splitIntoRuns(items("a", "x", "b", "c", "d"), first.starts, 3);
    expect(shape(withNotice.runs)).toEqual(["a,x,b", "c", "d"]);
  });

  it("merges a run whose first item went away into the one before, if there is room", () => {
    const first = splitIntoRuns(items("a", "b", "pending"), new Set(["a", "pending"]), 3);
    expect(shape(first.runs)).toEqual(["a,b", "pending"]);
    const confirmed = splitIntoRuns(items("a", "b", "c"), first.starts, 3);
    expect(shape(confirmed.runs)).toEqual(["a,b,c"]);
  });
});
