import { expect, it } from "vitest";
import { dynamoDbLocalJavaOptions } from "../src/dynamodb-local";

it("runs DynamoDB Local's JVM with the first-tier compiler and the serial collector, after the user's own options", () => {
  expect(dynamoDbLocalJavaOptions({})).toBe("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
  expect(dynamoDbLocalJavaOptions({ JDK_JAVA_OPTIONS: "-Xmx2g" })).toBe(
    "-Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
  );
});

it("leaves a user's own compiler tier as it is, in either variable", () => {
  expect(dynamoDbLocalJavaOptions({ JDK_JAVA_OPTIONS: "-XX:TieredStopAtLevel=4" })).toBe(
    "-XX:TieredStopAtLevel=4 -XX:+UseSerialGC",
  );
  expect(dynamoDbLocalJavaOptions({ JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=4" })).toBe("-XX:+UseSerialGC");
});

it("leaves a user's own collector as it is, in either variable", () => {
  expect(dynamoDbLocalJavaOptions({ JDK_JAVA_OPTIONS: "-XX:+UseG1GC" })).toBe("-XX:+UseG1GC -XX:TieredStopAtLevel=1");
  expect(dynamoDbLocalJavaOptions({ JAVA_TOOL_OPTIONS: "-XX:+UseParallelGC -Xmx1g" })).toBe("-XX:TieredStopAtLevel=1");
});
