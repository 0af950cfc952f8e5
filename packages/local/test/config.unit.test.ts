import { readFileSync } from "node:fs";
import { join } from "node:path";
import { productSettingNames } from "@chat/core/settings";
import { expect, it } from "vitest";
import { configFromEnvironment, localVariableNames } from "../src/config";

it("uses a DynamoDB that is already running when DYNAMODB_ENDPOINT is set, in TABLE_NAME if given", () => {
  expect(configFromEnvironment({})).toMatchObject({
    dynamoEndpoint: undefined,
    tableName: undefined,
    dataDir: ".data",
  });
  expect(configFromEnvironment({ DYNAMODB_ENDPOINT: "http://127.0.0.1:8100", TABLE_NAME: "my-chat.v2" })).toMatchObject(
    { dynamoEndpoint: "http://127.0.0.1:8100", tableName: "my-chat.v2", dataDir: undefined },
  );
});

it.each([
  [{ DYNAMODB_ENDPOINT: "127.0.0.1:8000" }, "DYNAMODB_ENDPOINT: it must be a URL such as http://127.0.0.1:8000"],
  [{ DYNAMODB_ENDPOINT: "ftp://127.0.0.1" }, "DYNAMODB_ENDPOINT: it must be an http:// or https:// URL"],
  [{ TABLE_NAME: "my table" }, "TABLE_NAME: it must be 3 to 255 letters, digits, '_', '-' or '.'"],
  [{ TABLE_NAME: "ab" }, "TABLE_NAME: it must be 3 to 255"],
  [
    { DYNAMODB_ENDPOINT: "http://127.0.0.1:8100", DATA_DIR: "memory" },
    "DATA_DIR: it has no effect with DYNAMODB_ENDPOINT",
  ],
  [{ DYNAMODB_ENDPOINT: "http://127.0.0.1:8100", DYNAMODB_PORT: "8001" }, "DYNAMODB_PORT: it has no effect with"],
  [{ API_PORT: "4001", WS_PORT: "4001" }, "WS_PORT: port 4001 is also API_PORT's"],
  [{ DYNAMODB_PORT: "3000" }, "DYNAMODB_PORT: port 3000 is also WEB_PORT's default"],
  [{ API_PORT: "3002" }, "API_PORT: port 3002 is also WS_PORT's default"],
  [{ WEB_PORT: "8000" }, "WEB_PORT: port 8000 is also DYNAMODB_PORT's default"],
])("refuses %o with the variable's name", (env, message) => {
  expect(() => configFromEnvironment(env)).toThrow(`bad environment variable ${message}`);
});

it("warms the DynamoDB Local it starts unless NO_DYNAMODB_WARM_UP=1, and never a DynamoDB already running", () => {
  expect(configFromEnvironment({}).warmUpDynamoDb).toBe(true);
  expect(configFromEnvironment({ NO_DYNAMODB_WARM_UP: "1" }).warmUpDynamoDb).toBe(false);
  expect(configFromEnvironment({ DYNAMODB_ENDPOINT: "http://127.0.0.1:8100" }).warmUpDynamoDb).toBe(false);
  // The warm-up starts by deleting its scratch table, which must not be the runtime's own.
  expect(configFromEnvironment({ TABLE_NAME: "chat-local-warm-up" }).warmUpDynamoDb).toBe(false);
});

it("lets ports coincide with those of servers it does not start, and port 0 (any free port) repeat", () => {
  expect(configFromEnvironment({ NO_WEB: "1", API_PORT: "3000" }).apiPort).toBe(3000);
  expect(configFromEnvironment({ DYNAMODB_ENDPOINT: "http://127.0.0.1:3001", DYNAMODB_PORT: undefined }).apiPort).toBe(
    3001,
  );
  expect(configFromEnvironment({ API_PORT: "0", WS_PORT: "0" })).toMatchObject({ apiPort: 0, wsPort: 0 });
});

it("documents every variable it reads in the README's table, and no other", () => {
  const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
  const section = readme.split("### Ports and environment variables")[1]!.split("\n\n")[1]!;
  const documented = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1]);
  // JDK_JAVA_OPTIONS is the java launcher's own; DynamoDB Local's start adds to it.
  const read = [...localVariableNames, ...productSettingNames, "JDK_JAVA_OPTIONS"];
  expect(documented.sort()).toEqual(read.sort());
});
