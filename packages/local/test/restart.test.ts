import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpClient } from "@chat/test-support/http";
import { onFreePorts, RUNTIME_PORTS } from "@chat/test-support/ports";
import { launchRuntime, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, expect, it } from "vitest";

// `npm start` itself, as a person runs it (without the web site, which the
// web package's end-to-end tests cover), stopped with SIGTERM to npm and started again.
const dataDir = mkdtempSync(join(tmpdir(), "chat-restart-"));
const started: RuntimeProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((runtime) => runtime.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function npmStart(env: Record<string, string>) {
  const runtime = await launchRuntime("npm", ["start"], { ...env, NO_WEB: "1", DATA_DIR: dataDir });
  started.push(runtime);
  return runtime;
}

it("keeps rooms and messages across a SIGTERM and a new start", { timeout: 200_000 }, async () => {
  const { started: first, env } = await onFreePorts(RUNTIME_PORTS, npmStart);
  expect(first.output()).toContain(`http://127.0.0.1:${env.API_PORT}`);
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
