import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onFreePort } from "@chat/test-support/ports";
import { afterAll, expect, it } from "vitest";
import { type SupervisedDynamoDb, superviseDynamoDbLocal } from "../src/supervisor";
import { eventually, isGone } from "./support/processes";

// A DynamoDB Local that is alive but answers nothing (here: SIGSTOPped) is found by the health
// probe, stopped — SIGTERM first, which a stopped process cannot act on, then SIGKILL 10 s
// later — and started again on its files.
const dataDir = mkdtempSync(join(tmpdir(), "chat-dynamodb-hang-"));
let supervised: SupervisedDynamoDb | undefined;
afterAll(async () => {
  await supervised?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("stops a DynamoDB Local that stopped answering and starts it again", { timeout: 90_000 }, async () => {
  const lines: string[] = [];
  supervised = await onFreePort((port) =>
    superviseDynamoDbLocal({
      port,
      dataDir,
      tableName: "hang",
      afterRestart: async () => "",
      log: (line) => lines.push(line),
      // Quicker than the runtime's 5 s probes, each given up after 5 s: the same path, sooner.
      probe: { intervalMs: 500, timeoutMs: 500 },
    }),
  );
  const java = supervised.pid();
  process.kill(java, "SIGSTOP");
  await eventually("the probe gave up on it", () => lines.some((line) => line.includes("health checks")));
  await eventually("it was restarted", () => lines.some((line) => line.includes("is back")), 45_000);

  expect(isGone(java)).toBe(true);
  expect(supervised.pid()).not.toBe(java);
  expect(lines.slice(0, 2)).toEqual([
    `DynamoDB Local (pid ${java}) has not answered 3 health checks in a row; stopping it so it restarts`,
    expect.stringMatching(new RegExp(`^DynamoDB Local died \\(pid ${java}, killed by SIGKILL\\); restarting it`)),
  ]);
});
