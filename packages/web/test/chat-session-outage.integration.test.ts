import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Stack, startStack } from "@chat/local/stack";
import { waitUntil } from "@chat/local/wait-until";
import { onFreePort } from "@chat/test-support/ports";
import { TEST_ADDRESS_LIMITS } from "@chat/test-support/runtime-process";
import { afterAll, expect, it, vi } from "vitest";
import { errorsAndStatuses, felt, startLiveSession, writeThroughFault } from "./live-session";

// The web client's session through a database outage: the runtime's own DynamoDB Local (on
// disk, so the restart keeps the data) is stopped while a person keeps writing, and the runtime
// restarts it. Stopped with SIGTERM, not SIGKILL: SIGKILLed during a transaction, DynamoDB Local
// loses the one it acknowledged just before (its own defect, measured in README.md, "DynamoDB
// Local"), which no client can make up for; packages/local/test/dynamodb-outage.test.ts kills it. Frames answered `unavailable` meanwhile (perhaps after the write went through),
// backfills that fail and the reconnects they lead to must still end with every message
// stored once, in the order written. This stack starts a DynamoDB Local of its own, so killing
// it leaves the run's shared one alone.
const dataDir = mkdtempSync(join(tmpdir(), "chat-session-outage-"));
let stack: Stack | undefined;
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("stores every message once, in the order written, across a DynamoDB Local restart", {
  timeout: 120_000,
}, async () => {
  Object.assign(process.env, TEST_ADDRESS_LIMITS);
  // The supervisor's "died" and "is back" lines.
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  stack = await onFreePort((dynamoPort) =>
    startStack({ apiPort: 0, wsPort: 0, dynamoPort, dataDir, functions: { log: () => undefined } }),
  );
  const dynamo = stack.dynamo!;
  const live = await startLiveSession(stack, "through an outage");
  try {
    const java = dynamo.pid();
    const { written, stored } = await writeThroughFault(live, async () => {
      process.kill(java, "SIGTERM");
      // recovered() resolves at once until the supervisor has seen the exit: the new java first.
      await waitUntil("DynamoDB Local's restart", () => dynamo.pid() !== java, { timeoutMs: 60_000, intervalMs: 50 });
      await dynamo.recovered();
    });
    expect(dynamo.pid()).not.toBe(java);
    expect(stored).toEqual(written);
    // The outage was felt: a frame was refused, or the connection was lost and made again.
    expect(felt(live.events, "unavailable"), errorsAndStatuses(live.events)).toBe(true);
  } finally {
    live.session.stop();
  }
});
