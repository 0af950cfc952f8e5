import { useTestStack } from "@chat/test-support/stack";
import { expect, it } from "vitest";

// A $connect that joined its room must let the handshake through even when telling the room
// fails: refused, it would get no $disconnect, and its member would stay for good.
// Every room of more than one member tells its joins through the Presence queue.
const chat = useTestStack({ PRESENCE_BATCH_ABOVE: "1" });

it("connects a member whose arrival could not be told (the queue is down), and counts it once", async () => {
  const room = await chat.api.createRoom("the queue is down");
  await chat.join(room.id, "first");
  await chat.stack.queues.stop();

  const second = await chat.join(room.id, "second");
  second.send({ action: "hello" });
  const welcome = await second.nextOfType("welcome");
  expect(welcome.members.map((member: { name: string }) => member.name).sort()).toEqual(["first", "second"]);
  expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(2);
});
