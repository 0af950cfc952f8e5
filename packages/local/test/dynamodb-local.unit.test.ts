import { expect, it } from "vitest";
import { dynamoDbLocalJavaOptions } from "../src/dynamodb-local";

const DEFAULTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CompileThresholdScaling=0.1";

it("runs DynamoDB Local's JVM with the first-tier compiler, the serial collector and early compiles, after the user's own options", () => {
  expect(dynamoDbLocalJavaOptions({})).toBe(DEFAULTS);
  expect(dynamoDbLocalJavaOptions({ JDK_JAVA_OPTIONS: "-Xmx2g" })).toBe(`-Xmx2g ${DEFAULTS}`);
});

it("leaves a user's own compiler tier as it is, in either variable", () => {
  expect(dynamoDbLocalJavaOptions({ JDK_JAVA_OPTIONS: "-XX:TieredStopAtLevel=4" })).toBe(
    "-XX:TieredStopAtLevel=4 -XX:+UseSerialGC -XX:CompileThresholdScaling=0.1",
  );
  expect(dynamoDbLocalJavaOptions({ JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=4" })).toBe(
    "-XX:+UseSerialGC -XX:CompileThresholdScaling=0.1",
  );
});

it("leaves a user's own collector as it is, in either variable", () => {
  expect(dynamoDbLocalJavaOptions({ JDK_JAVA_OPTIONS: "-XX:+UseG1GC" })).toBe(
    "-XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1",
  );
  expect(dynamoDbLocalJavaOptions({ JAVA_TOOL_OPTIONS: "-XX:+UseParallelGC -Xmx1g" })).toBe(
    "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1",
  );
});

it("leaves a user's own threshold scaling as it is, in either variable", () => {
  expect(dynamoDbLocalJavaOptions({ JAVA_TOOL_OPTIONS: "-XX:CompileThresholdScaling=1" })).toBe(
    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
  );
});
