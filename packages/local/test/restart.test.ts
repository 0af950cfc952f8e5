import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { httpClient } from "@chat/test-support/http";
import { onFreePorts, RUNTIME_PORTS } from "@chat/test-support/ports";
import { launchRuntime, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, expect, it } from "vitest";
import { LOCAL_REGION, localCredentials } from "../src/aws-env";
import { waitUntil } from "../src/wait-until";
import { WARM_UP_TABLE } from "../src/warm-up-table";

// `npm start` itself, as a person runs it (without the web site, which the
// web package's end-to-end tests cover), stopped with SIGTERM to npm and started again.
const dataDir = mkdtempSync(join(tmpdir(), "chat-restart-"));
const started: RuntimeProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((runtime) => runtime.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function tableNames(endpoint: string) {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
}

async function npmStart(env: Record<string, string>) {
  const runtime = await launchRuntime("npm", ["start"], { ...env, NO_WEB: "1", DATA_DIR: dataDir });
  started.push(runtime);
  return runtime;
}

it("keeps rooms and messages across a SIGTERM and a new start", { timeout: 200_000 }, async () => {
  const { started: first, env } = await onFreePorts(RUNTIME_PORTS, npmStart);
  expect(first.output()).toContain(`http://127.0.0.1:${env.API_PORT}`);
  // Once ready, it warms its DynamoDB Local, then says so; the scratch table is gone by then.
  // Alone it takes 3–5 s; beside the rest of the suite, on 2 cores, several times that.
  await waitUntil("the warm-up is done", () => /warmed up in \d+\.\d s/.test(first.output()), {
    timeoutMs: 120_000,
    intervalMs: 100,
  });
  expect(await tableNames(`http://127.0.0.1:${env.DYNAMODB_PORT}`)).not.toContain(WARM_UP_TABLE);
  const api = httpClient(`http://127.0.0.1:${env.API_PORT}`);
  const room = await api.createRoom("durable");
  const client = await ChatClient.connect(`ws://127.0.0.1:${env.WS_PORT}`, { roomId: room.id, name: "keeper" });
  client.sendMessage("survives restarts");
  await client.nextOfType("message");
  expect(await first.stop()).toBe(0);
  await client.until(() => client.closed);
  expect(first.output()).toContain("stopped");

  const second = await npmStart(env);
  expect((await api.get(`/rooms/${room.id}`)).body.room).toMatchObject({ name: "durable", members: 0 });
  const history = (await api.get(`/rooms/${room.id}/messages`)).body.messages;
  expect(history.map((message: { text: string }) => message.text)).toEqual(["survives restarts"]);
  expect(await second.stop()).toBe(0);
});
