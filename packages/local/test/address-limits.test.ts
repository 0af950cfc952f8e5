import { useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { expect, it } from "vitest";

// Floods from one client address: room creation and connects (each of which
// announces a join and a leave to the room) are limited per address.
const chat = useTestStack({ CONNECT_LIMIT_PER_ADDRESS: "4", ROOM_LIMIT_PER_ADDRESS: "2" });

it("room creation past the address's burst answers 429 rate_limited with Retry-After", async () => {
  const rooms = [await chat.api.createRoom("first"), await chat.api.createRoom("second")];
  const refused = await chat.api.post("/rooms", { name: "third" });
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe("rate_limited");
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const listed = (await chat.api.get("/rooms?limit=100")).body.rooms.map((room: { name: string }) => room.name);
  expect(listed.sort()).toEqual(rooms.map((room) => room.name).sort());
});

it("connects past the address's burst are refused with 429, and the room hears no more joins", async () => {
  const { createRoom } = await import("@chat/core/rooms");
  const room = await createRoom("crowded");
  const witness = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "witness" });
  const others = [];
  for (const name of ["a", "b", "c"])
    others.push(await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name }));
  await witness.until(() => witness.ofType("join").length === 3);
  await expect(ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "flood" })).rejects.toMatchObject({
    status: 429,
  });
  // A message after the refusal arrives after any join the refused connect could have caused.
  others[0]!.sendMessage("after the flood");
  await witness.until(() => witness.ofType("message").length === 1);
  expect(witness.ofType("join").map((join) => join.member.name)).toEqual(["a", "b", "c"]);
  expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(4);
  await Promise.all([witness, ...others].map((client) => client.close()));
});
