import { httpClient } from "@chat/test-support/http";
import { IN_PROCESS, startTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Stack } from "../src/stack";

// When the server itself fails (here: DynamoDB refuses every request), clients
// get the API's `unavailable` error, never a 500 or a frame carrying internal
// details such as the connection id, request ids or the table's name.
let stack: Stack;
let api: ReturnType<typeof httpClient>;
let failing = false;

beforeAll(async () => {
  stack = await startTestStack({}, { functions: IN_PROCESS });
  api = httpClient(stack.apiUrl);
  const { dynamo } = await import("@chat/core/db");
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      if (failing) {
        throw Object.assign(new Error(`Requested resource not found: Table: ${stack.tableName} not found`), {
          name: "ResourceNotFoundException",
        });
      }
      return next(args);
    },
    { step: "initialize", name: "failEverything" },
  );
});
afterAll(() => stack?.stop());

const leaksNothing = (text: string, connectionId?: string) => {
  expect(text).not.toContain(stack.tableName);
  expect(text).not.toMatch(/requestId|stack|at .*\.ts/);
  if (connectionId) expect(text).not.toContain(connectionId);
};

it("HTTP routes answer 503 unavailable with the API's error body", async () => {
  const room = await api.createRoom("before the outage");
  failing = true;
  try {
    for (const path of ["/rooms", `/rooms/${room.id}`, `/rooms/${room.id}/messages`]) {
      const response = await fetch(stack.apiUrl + path);
      const text = await response.text();
      expect(response.status, path).toBe(503);
      expect(JSON.parse(text).error.code).toBe("unavailable");
      leaksNothing(text);
    }
    const created = await fetch(`${stack.apiUrl}/rooms`, { method: "POST", body: '{"name":"x"}' });
    expect(created.status).toBe(503);
  } finally {
    failing = false;
  }
});

it("frames are answered with an unavailable error frame, and handshakes refused with 503", async () => {
  const room = await api.createRoom("outage");
  const client = await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "ann" });
  const connectionId = [...stack.webSocket.connections.keys()].at(-1)!;
  failing = true;
  try {
    client.sendMessage("lost?", "lost-1");
    client.send({ action: "hello" });
    await client.until(() => client.ofType("error").length === 2);
    for (const frame of client.frames) {
      expect(frame).toMatchObject({ type: "error", error: { code: "unavailable" } });
      leaksNothing(JSON.stringify(frame), connectionId);
    }
    // The message's error names it, so the client can send it again; hello carried no message.
    expect(client.ofType("error").map((frame) => frame.clientMessageId)).toEqual(["lost-1", undefined]);
    expect(client.frames.some((frame) => "message" in frame && frame.message === "Internal server error")).toBe(false);
    await expect(ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "bob" })).rejects.toMatchObject({
      status: 503,
    });
  } finally {
    failing = false;
  }
  client.sendMessage("back");
  expect((await client.nextOfType("message")).message.text).toBe("back");
  await client.close();
});
