import { expect, it } from "vitest";
import { withQuickCompiler } from "../src/dynamodb-local";

it("runs DynamoDB Local's JVM with the first-tier compiler, after the user's own java options", () => {
  expect(withQuickCompiler({})).toBe("-XX:TieredStopAtLevel=1");
  expect(withQuickCompiler({ JDK_JAVA_OPTIONS: "-Xmx2g", JAVA_TOOL_OPTIONS: "-XX:+UseSerialGC" })).toBe(
    "-Xmx2g -XX:TieredStopAtLevel=1",
  );
});

it("leaves a user's own compiler tier as it is, in either variable", () => {
  expect(withQuickCompiler({ JDK_JAVA_OPTIONS: "-XX:TieredStopAtLevel=4" })).toBe("-XX:TieredStopAtLevel=4");
  expect(withQuickCompiler({ JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=4" })).toBe("");
});
