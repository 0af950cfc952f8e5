import { expect, it } from "vitest";
import { ContainerHints } from "../src/container-hints";

it("keeps the newest entries up to its bound, forgetting the least recently set first", () => {
  const hints = new ContainerHints<number>(2);
  hints.set("a", 1);
  hints.set("b", 2);
  hints.set("a", 3);
  hints.set("c", 4);
  expect([hints.get("a"), hints.get("b"), hints.get("c")]).toEqual([3, undefined, 4]);
  hints.delete("a");
  expect(hints.get("a")).toBeUndefined();
  hints.clear();
  expect(hints.get("c")).toBeUndefined();
});
