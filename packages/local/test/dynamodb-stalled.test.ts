import { httpClient } from "@chat/test-support/http";
import { onFreePorts, RUNTIME_PORTS } from "@chat/test-support/ports";
import { launchApis, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { afterAll, expect, it } from "vitest";
import { childrenOf } from "./support/processes";

// A DynamoDB Local that stops answering (here: SIGSTOPped) leaves the HTTP API's requests
// waiting on it: each answers 503 `unavailable` before its function's timeout, not the
// gateway's 500 after it, and the API answers again once the database does.
let runtime: RuntimeProcess | undefined;
let stoppedJava: number | undefined;

afterAll(async () => {
  if (stoppedJava !== undefined) process.kill(stoppedJava, "SIGCONT");
  await runtime?.stop();
});

it("answers 503 unavailable while DynamoDB does not answer, and serves again once it does", {
  timeout: 60_000,
}, async () => {
  const { started, env } = await onFreePorts(RUNTIME_PORTS, (ports) => launchApis(ports));
  runtime = started;
  const apiUrl = `http://127.0.0.1:${env.API_PORT}`;
  const room = await httpClient(apiUrl).createRoom("before the stall");
  const java = childrenOf(runtime.pid).find((child) => child.command.includes("DynamoDBLocal.jar"));
  expect(java).toBeDefined();

  process.kill(java!.pid, "SIGSTOP");
  stoppedJava = java!.pid;
  const [listed, created] = await Promise.all([
    fetch(`${apiUrl}/rooms`),
    fetch(`${apiUrl}/rooms`, { method: "POST", body: JSON.stringify({ name: "during the stall" }) }),
  ]);
  for (const response of [listed, created]) {
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  }

  process.kill(java!.pid, "SIGCONT");
  stoppedJava = undefined;
  const after = await fetch(`${apiUrl}/rooms`);
  expect(after.status).toBe(200);
  const { rooms } = (await after.json()) as { rooms: { id: string }[] };
  expect(rooms.map((listedRoom) => listedRoom.id)).toContain(room.id);
});
