import { httpClient } from "@chat/test-support/http";
import { onFreePort } from "@chat/test-support/ports";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, expect, it, vi } from "vitest";
import { type Stack, startStack } from "../src/stack";
import { eventually, isGone } from "./support/processes";

// In memory (DATA_DIR=memory) a restarted DynamoDB Local is empty: the runtime
// says the data was lost, recreates the table and closes the open connections
// (1012) so clients reconnect and learn their room is gone. This stack starts a
// DynamoDB Local of its own, so killing it leaves the run's shared one alone.
let stack: Stack | undefined;
afterAll(() => stack?.stop());

it("restarts an in-memory DynamoDB Local empty, says so, and closes the connections it forgot", {
  timeout: 60_000,
}, async () => {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args) => void lines.push(args.join(" ")));
  stack = await onFreePort((dynamoPort) => startStack({ apiPort: 0, wsPort: 0, dynamoPort }));
  const dynamoPort = Number(new URL(stack.dynamoEndpoint).port);
  const api = httpClient(stack.apiUrl);
  const room = await api.createRoom("forgotten");
  const client = await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "x" });

  const java = stack.dynamo!.pid();
  process.kill(java, "SIGKILL");
  await eventually("the runtime noticed", () => lines.some((line) => line.includes("DynamoDB Local died")));
  await stack.dynamo!.recovered();
  log.mockRestore();

  expect(isGone(java)).toBe(true);
  expect(stack.dynamo!.pid()).not.toBe(java);
  expect(lines.filter((line) => line.includes("DynamoDB Local died"))).toEqual([
    `DynamoDB Local died (pid ${java}, killed by SIGKILL); restarting it on port ${dynamoPort} in memory: every room and message it held is lost`,
  ]);
  expect(lines.some((line) => /DynamoDB Local is back .*; data lost, closed 1 open connection$/.test(line))).toBe(true);
  await client.until(() => client.closed);
  expect(client.closed!.code).toBe(1012);
  expect((await api.get(`/rooms/${room.id}`)).status).toBe(404);
  // The table is there again: the chat works, empty.
  const fresh = await api.createRoom("fresh start");
  const again = await ChatClient.connect(stack.wsUrl, { roomId: fresh.id, name: "y" });
  again.sendMessage("hello again", "h");
  await again.until(() => again.ofType("message").length === 1);
  await again.close();
});
