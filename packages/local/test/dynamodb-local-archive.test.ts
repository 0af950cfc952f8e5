import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DynamoDbLocal, startDynamoDbLocal } from "../src/dynamodb-local";
import { freePort } from "../src/ports";

// DynamoDB Local starts from the class archive its first start on this machine wrote
// (dynamodb-local-jar.ts): the JVM would start without it, silently slower, if the archive
// were missing or did not fit the class path it is started with.
let dynamo: DynamoDbLocal;
beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
});
afterAll(() => dynamo?.stop());

it.runIf(process.platform === "linux")("starts DynamoDB Local from a class archive that fits its class path", () => {
  const args = readFileSync(`/proc/${dynamo.pid}/cmdline`, "utf8").split("\0");
  const archiveOption = args.find((arg) => arg.startsWith("-XX:SharedArchiveFile="));
  expect(archiveOption, "the archive option").toBeDefined();
  const classPath = args[args.indexOf("-cp") + 1]!;
  // -Xshare:on makes an archive the JVM cannot use an error instead of a silent fallback; checked
  // as `npm start` starts java, without the tests' JVM options.
  const check = (path: string) =>
    spawnSync("java", ["-Xshare:on", archiveOption!, "-cp", path, "-version"], {
      encoding: "utf8",
      env: { ...process.env, JAVA_TOOL_OPTIONS: "" },
    });
  const fits = check(classPath);
  expect(fits.status, fits.stderr).toBe(0);
  // And the check can fail: the same archive with another class path.
  expect(check(classPath.split(":").reverse().join(":")).status).not.toBe(0);
});
