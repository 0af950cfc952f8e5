import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { waitUntil } from "@chat/local/wait-until";
import { onFreePorts } from "@chat/test-support/ports";
import { launchRuntime, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { afterAll, expect, inject, it } from "vitest";
import { createApiClient } from "../src/lib/api-client";
import { ChatSession, type SessionEvent } from "../src/lib/chat-session";

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
  const runtime = await launchRuntime(process.execPath, ["--import", "tsx", "packages/local/src/main.ts"], {
    ...ports,
    NO_WEB: "1",
    DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
    TABLE_NAME: tableName,
  });
  started.push(runtime);
  return runtime;
};

it("stores every message once, in the order written, across a crash and restart of the runtime", {
  timeout: 120_000,
}, async () => {
  const tableName = `crash-${randomUUID()}`;
  const { started: first, env } = await onFreePorts(["API_PORT", "WS_PORT"], (ports) => launch(ports, tableName));
  const api = createApiClient(`http://127.0.0.1:${env.API_PORT}`);
  const room = await api.createRoom("through a crash");
  const events: SessionEvent[] = [];
  const session = new ChatSession({
    wsUrl: `ws://127.0.0.1:${env.WS_PORT}`,
    api,
    roomId: room.id,
    name: "ann",
    onEvent: (event) => events.push(event),
  });
  const seen = new Set<string>();
  const statuses: string[] = [];
  const take = () => {
    for (const event of events.splice(0)) {
      if (event.type === "messages" || event.type === "history") {
        for (const message of event.messages) seen.add(message.text);
      }
      if (event.type === "status") statuses.push(event.status);
    }
  };
  session.start();
  try {
    await waitUntil(
      "the first connect",
      () => {
        take();
        return statuses.includes("connected");
      },
      {
        timeoutMs: 30_000,
        intervalMs: 25,
      },
    );
    const written = Array.from({ length: 20 }, (_, index) => `m${index}`);
    let restarted: Promise<RuntimeProcess> | undefined;
    for (const [index, text] of written.entries()) {
      session.sendMessage(text);
      if (index === 5) {
        process.kill(first.pid, "SIGKILL");
        restarted = first.exited.then(() => launch(env, tableName));
      }
      await sleep(100); // a person writing, not a wait for anything
    }
    await restarted;
    // Once the session has seen each message (echoed, or found by a backfill), its outbox is
    // empty and nothing more is sent: the history is then final.
    await waitUntil(
      "the session has seen every message",
      () => {
        take();
        return written.every((text) => seen.has(text));
      },
      {
        timeoutMs: 90_000,
        intervalMs: 100,
        timeoutError: () => new Error(`the session saw ${JSON.stringify([...seen])}; statuses: ${statuses.join(", ")}`),
      },
    );
    const history = await api.listMessages(room.id, {}, 100);
    expect(history.messages.map((message) => message.text)).toEqual(written);
    expect(statuses).toContain("reconnecting");
  } finally {
    session.stop();
  }
});
