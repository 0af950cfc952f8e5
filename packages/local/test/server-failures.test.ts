import { handshakeWindowMs } from "@chat/core/settings";
import { IN_PROCESS, useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { beforeAll, expect, it } from "vitest";
import { eventually } from "./support/processes";

// When the server itself fails (here: DynamoDB refuses every request), clients
// get the API's `unavailable` error, never a 500 or a frame carrying internal
// details such as the connection id, request ids or the table's name. And when
// only the cleanup after a message fails (removing gone members), the message,
// already stored, is neither refused nor delivered twice.
let failing = false;
/** Fails only the transactions that delete items: a member's removal, not a message's store. */
let failingRemovals = false;

const chat = useTestStack({}, { functions: IN_PROCESS });
beforeAll(async () => {
  const { dynamo } = await import("@chat/core/db");
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TransactItems?: { Delete?: unknown }[] };
      if (failingRemovals && input.TransactItems?.some((item) => item.Delete)) {
        throw Object.assign(new Error("Throughput exceeds the current capacity"), {
          name: "ProvisionedThroughputExceededException",
        });
      }
      if (failing) {
        throw Object.assign(new Error(`Requested resource not found: Table: ${chat.stack.tableName} not found`), {
          name: "ResourceNotFoundException",
        });
      }
      return next(args);
    },
    { step: "initialize", name: "failEverything" },
  );
});

const leaksNothing = (text: string, connectionId?: string) => {
  expect(text).not.toContain(chat.stack.tableName);
  expect(text).not.toMatch(/requestId|stack|at .*\.ts/);
  if (connectionId) expect(text).not.toContain(connectionId);
};

it("HTTP routes answer 503 unavailable with the API's error body", async () => {
  const room = await chat.api.createRoom("before the outage");
  failing = true;
  try {
    for (const path of ["/rooms", `/rooms/${room.id}`, `/rooms/${room.id}/messages`]) {
      const response = await fetch(chat.stack.apiUrl + path);
      const text = await response.text();
      expect(response.status, path).toBe(503);
      expect(JSON.parse(text).error.code).toBe("unavailable");
      leaksNothing(text);
    }
    const created = await fetch(`${chat.stack.apiUrl}/rooms`, { method: "POST", body: '{"name":"x"}' });
    expect(created.status).toBe(503);
  } finally {
    failing = false;
  }
});

it("frames are answered with an unavailable error frame, and handshakes refused with 503", async () => {
  const room = await chat.api.createRoom("outage");
  const client = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "ann" });
  const connectionId = [...chat.stack.webSocket.connections.keys()].at(-1)!;
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
    await expect(ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "bob" })).rejects.toMatchObject({
      status: 503,
    });
  } finally {
    failing = false;
  }
  client.sendMessage("back");
  expect((await client.nextOfType("message")).message.text).toBe("back");
  await client.close();
});

/**
 * A room with ann and `ghosts` members whose connection is gone (the WebSocket API never had
 * it), past the handshake window: a message's fan-out finds them (410) and removes them.
 */
async function roomWithGhosts(name: string, ghosts: number) {
  const room = await chat.api.createRoom(name);
  const client = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "ann" });
  const [{ join }, { newMemberId }, { newConnectionId }] = await Promise.all([
    import("@chat/core/presence"),
    import("@chat/core/ids"),
    import("../src/ws-events"),
  ]);
  for (let index = 0; index < ghosts; index++) {
    const member = { id: newMemberId(), name: `ghost${index}` };
    await join(
      { connectionId: newConnectionId(), roomId: room.id, member },
      { now: Date.now() - 2 * handshakeWindowMs },
    );
  }
  return { room, client };
}

it("answers a message that is stored with no error, even when its fan-out fails, so it is not sent twice", async () => {
  const { room, client } = await roomWithGhosts("cleanup fails", 1);
  failingRemovals = true;
  try {
    client.sendMessage("stored once", "once-1");
    expect((await client.nextOfType("message")).message.clientMessageId).toBe("once-1");
    // A connection's frames are handled in order: the welcome comes after sendMessage's handler ended.
    client.send({ action: "hello" });
    await client.nextOfType("welcome");
  } finally {
    failingRemovals = false;
  }
  expect(client.ofType("error")).toEqual([]);
  const history = (await chat.api.get(`/rooms/${room.id}/messages`)).body.messages as { text: string }[];
  expect(history.map((message) => message.text)).toEqual(["stored once"]);
  await client.close();
});

it("delivers a shard once when removing its gone members fails, instead of failing it for the queue to post again", async () => {
  const { client } = await roomWithGhosts("shard cleanup fails", 2);
  const fanOut = () => chat.stack.queues.stats("FanOut");
  const before = fanOut();
  process.env.FAN_OUT_SHARD_ABOVE = "1"; // three recipients: one shard through the FanOut queue
  failingRemovals = true;
  try {
    client.sendMessage("posted once", "once-2");
    await client.nextOfType("message");
    await eventually("the shard's invocation ended", () => {
      const now = fanOut();
      return now.delivered > before.delivered && (now.inFlight === 0 || now.retried > before.retried);
    });
  } finally {
    failingRemovals = false;
    delete process.env.FAN_OUT_SHARD_ABOVE;
  }
  expect(fanOut().retried).toBe(before.retried);
  expect(client.ofType("message").filter((frame) => frame.message.clientMessageId === "once-2")).toHaveLength(1);
  await client.close();
});
