import { IN_PROCESS, useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { beforeAll, expect, it } from "vitest";
import { waitUntil } from "../src/wait-until";

// Every DynamoDB request and post, as it starts and as it ends, in order (with a Query's Limit).
const trace: { what: string; at: "start" | "end"; limit?: number }[] = [];

const chat = useTestStack({}, { functions: IN_PROCESS });
beforeAll(async () => {
  const [{ dynamo }, { managementClient }, { interceptManagementCalls }] = await Promise.all([
    import("@chat/core/db"),
    import("@chat/core/notifier"),
    import("@chat/core/management-transport"),
  ]);
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const what = context.commandName ?? "unknown";
      trace.push({ what, at: "start", limit: (args.input as { Limit?: number }).Limit });
      try {
        return await next(args);
      } finally {
        trace.push({ what, at: "end" });
      }
    },
    { step: "initialize", name: "traceCommands" },
  );
  // Posts do not pass the management client's middleware: they are traced where they leave.
  interceptManagementCalls(managementClient(), async ({ command }, send) => {
    trace.push({ what: `${command}Command`, at: "start" });
    try {
      return await send();
    } finally {
      trace.push({ what: `${command}Command`, at: "end" });
    }
  });
});

/**
 * Closes the clients and waits until their room is empty and its departures are told,
 * so that the next test's trace holds only its own requests.
 */
async function leaveAll(roomId: string, clients: ChatClient[]) {
  await Promise.all(clients.map((client) => client.close()));
  const empty = async () => (await chat.api.get(`/rooms/${roomId}`)).body.room.members === 0;
  await waitUntil(`room ${roomId} is empty`, empty, { timeoutMs: 20_000 });
  await chat.stack.queues.drained();
}

const started = (what: string) => trace.filter((event) => event.at === "start" && event.what === what).length;

async function roomOfTwo(name: string) {
  const room = await chat.api.createRoom(name);
  const sender = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "sender" });
  const reader = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "reader" });
  await sender.nextOfType("join");
  return { room, sender, reader };
}

it("a message costs two DynamoDB requests, sent side by side: one round trip before the first post", async () => {
  const { room, sender, reader } = await roomOfTwo("one round trip");
  trace.length = 0;
  sender.sendMessage("hello");
  await reader.nextOfType("message");
  const firstPost = trace.findIndex((event) => event.what === "PostToConnectionCommand");
  const beforeFirstPost = trace.slice(0, firstPost);
  // The sender comes from the authorizer's context: nothing reads it.
  expect(beforeFirstPost.map((event) => `${event.at} ${event.what}`).sort()).toEqual(
    ["QueryCommand", "TransactWriteItemsCommand"].flatMap((what) => [`start ${what}`, `end ${what}`]).sort(),
  );
  // Both went out before either came back.
  expect(beforeFirstPost.slice(0, 2).every((event) => event.at === "start")).toBe(true);
  await leaveAll(room.id, [sender, reader]);
});

it("a connect costs one transaction (its address limit and the join) and one members query", async () => {
  const room = await chat.api.createRoom("connect cost");
  const first = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "first" });
  trace.length = 0;
  const second = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "second" });
  await first.nextOfType("join");
  const requests = trace.filter((event) => event.at === "start" && !event.what.startsWith("PostToConnection"));
  expect(requests.map((event) => event.what).sort()).toEqual(["QueryCommand", "TransactWriteItemsCommand"]);
  await leaveAll(room.id, [first, second]);
});

it("a connect to a room just found above the batching size costs the transaction alone", async () => {
  const room = await chat.api.createRoom("big connect cost");
  const { presenceBatchAbove } = await import("@chat/core/settings");
  const crowd: ChatClient[] = [];
  for (let index = 0; index <= presenceBatchAbove(); index++) {
    crowd.push(await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: `crowd${index}` }));
  }
  // The last of the crowd found the room above the batching size: the next connect, at once,
  // does not read it. (Its notices' subscriber reads the whole room, with no Limit, meanwhile.)
  trace.length = 0;
  const latecomer = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "latecomer" });
  const sizeQueries = () => trace.filter((event) => event.at === "start" && event.limit === presenceBatchAbove() + 1);
  expect(started("TransactWriteItemsCommand")).toBe(1);
  expect(sizeQueries()).toEqual([]);
  // Without the hint, the same connect reads the room's size.
  const { forgetBigRooms } = await import("@chat/core/presence-notices");
  forgetBigRooms();
  const another = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "another" });
  expect(sizeQueries()).toHaveLength(1);
  await chat.stack.queues.drained();
  await leaveAll(room.id, [...crowd, latecomer, another]);
});

it("a burst of messages costs one transaction (rate limit and message) and one members Query each", async () => {
  const { room, sender, reader } = await roomOfTwo("cost");
  trace.length = 0;
  for (let index = 0; index < 10; index++) sender.sendMessage(`burst ${index}`);
  await reader.until(() => reader.ofType("message").length === 10);
  expect(started("TransactWriteItemsCommand")).toBe(10);
  expect(started("QueryCommand")).toBe(10);
  expect(trace.filter((event) => event.at === "start" && !event.what.startsWith("PostToConnection"))).toHaveLength(20);
  await leaveAll(room.id, [sender, reader]);
});

it("a ping costs the rate limit's one update and the pong to its sender, reading nothing of the room", async () => {
  const { room, sender, reader } = await roomOfTwo("ping cost");
  trace.length = 0;
  sender.send({ action: "ping" });
  expect(await sender.nextOfType("pong")).toEqual({ type: "pong" });
  const requests = trace.filter((event) => event.at === "start").map((event) => event.what);
  expect(requests.sort()).toEqual(["PostToConnectionCommand", "UpdateItemCommand"]);
  expect(reader.ofType("pong")).toEqual([]);
  await leaveAll(room.id, [sender, reader]);
});

it("a frame past the rate limit stores nothing: the count and the message are one transaction", async () => {
  const { room } = await roomOfTwo("limit");
  const [{ countFrame }, { newMessage }, { join }, { FRAME_RULE }] = await Promise.all([
    import("@chat/core/connections"),
    import("@chat/core/messages"),
    import("@chat/core/presence"),
    import("@chat/core/rate-limit"),
  ]);
  const connectionId = "limit-test=";
  const author = { id: "limit-author", name: "limit" };
  await join({ connectionId, roomId: room.id, member: author });
  // The same instant for every frame: the burst is all there is.
  const now = Date.now();
  const outcomes: string[] = [];
  for (let index = 0; index <= FRAME_RULE.burst; index++) {
    const { item } = newMessage({ roomId: room.id, text: `frame ${index}`, author }, now);
    outcomes.push(await countFrame(connectionId, { item }, now).then(String, (error) => error.code));
  }
  expect(outcomes).toEqual([...Array(FRAME_RULE.burst).fill("true"), "rate_limited"]);
  const { body } = await chat.api.get(`/rooms/${room.id}/messages?limit=100`);
  const texts = body.messages.map((message: { text: string }) => message.text);
  expect(texts).toHaveLength(FRAME_RULE.burst);
  expect(texts).not.toContain(`frame ${FRAME_RULE.burst}`);
});
