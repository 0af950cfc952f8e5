import { describe, expect, it } from "vitest";
import { parseOptions } from "./options";

describe("bench options", () => {
  it("keeps DynamoDB Local in memory unless --dynamodb-on-disk is given", () => {
    expect(parseOptions([]).dynamoDbOnDisk).toBe(false);
    expect(parseOptions(["--dynamodb-on-disk"]).dynamoDbOnDisk).toBe(true);
  });

  it("refuses a client rate the contract's rate limit would refuse", () => {
    expect(() => parseOptions(["--max-client-rate", "11"])).toThrow(/rate limit/);
  });
});
