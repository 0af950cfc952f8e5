import { expect, it } from "vitest";
import { withQuickCompiler } from "../src/dynamodb-local";

it("runs DynamoDB Local's JVM with the first-tier compiler, after the user's own java options", () => {
  expect(withQuickCompiler(undefined)).toBe("-XX:TieredStopAtLevel=1");
  expect(withQuickCompiler("-Xmx2g")).toBe("-Xmx2g -XX:TieredStopAtLevel=1");
});

it("leaves a user's own compiler tier as it is", () => {
  expect(withQuickCompiler("-XX:TieredStopAtLevel=4")).toBe("-XX:TieredStopAtLevel=4");
});
