import { httpClient } from "@chat/test-support/http";
import { startTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Stack } from "../src/stack";

// A $connect that joined its room must let the handshake through even when telling the room
// fails: refused, it would get no $disconnect, and its member would stay for good.
let stack: Stack;
const clients: ChatClient[] = [];

beforeAll(async () => {
  // Every room of more than one member tells its joins through the Presence queue.
  stack = await startTestStack({ PRESENCE_BATCH_ABOVE: "1" });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await stack?.stop();
});

it("connects a member whose arrival could not be told (the queue is down), and counts it once", async () => {
  const api = httpClient(stack.apiUrl);
  const room = await api.createRoom("the queue is down");
  clients.push(await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "first" }));
  await stack.queues.stop();

  const second = await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "second" });
  clients.push(second);
  second.send({ action: "hello" });
  const welcome = await second.nextOfType("welcome");
  expect(welcome.members.map((member: { name: string }) => member.name).sort()).toEqual(["first", "second"]);
  expect((await api.get(`/rooms/${room.id}`)).body.room.members).toBe(2);
});
