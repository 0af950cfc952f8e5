import { randomUUID } from "node:crypto";
import { onFreePorts } from "@chat/test-support/ports";
import { launchApis, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { onSharedDynamoDb } from "@chat/test-support/shared-dynamodb";
import { afterAll, expect, it } from "vitest";
import { errorsAndStatuses, felt, startLiveSession, writeThroughFault } from "./live-session";

// The web client's session through a crash of the runtime itself: `npm start`'s process is
// killed with SIGKILL while a person keeps writing (no close frames, no $disconnect), then
// started again on the same ports. Its table lives in the run's DynamoDB Local, so nothing is
// lost with the process. The session must reconnect by itself, and every message must end up
// stored once, in the order written.
const started: RuntimeProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((runtime) => runtime.stop()));
});

const launch = async (ports: Record<"API_PORT" | "WS_PORT", string>, tableName: string) => {
  const runtime = await launchApis({ ...ports, ...onSharedDynamoDb(tableName) });
  started.push(runtime);
  return runtime;
};

it("stores every message once, in the order written, across a crash and restart of the runtime", {
  timeout: 120_000,
}, async () => {
  const tableName = `crash-${randomUUID()}`;
  const { started: first, env } = await onFreePorts(["API_PORT", "WS_PORT"], (ports) => launch(ports, tableName));
  const live = await startLiveSession(
    { apiUrl: `http://127.0.0.1:${env.API_PORT}`, wsUrl: `ws://127.0.0.1:${env.WS_PORT}` },
    "through a crash",
  );
  try {
    const { written, stored } = await writeThroughFault(live, () => {
      process.kill(first.pid, "SIGKILL");
      return first.exited.then(() => launch(env, tableName));
    });
    expect(stored).toEqual(written);
    // It reconnected by itself.
    expect(felt(live.events), errorsAndStatuses(live.events)).toBe(true);
  } finally {
    live.session.stop();
  }
});
