import { useTestStack } from "@chat/test-support/stack";
import { expect, it } from "vitest";

const chat = useTestStack({ ROOM_GRACE_SECONDS: "3600" });
it("removes connection records a crashed runtime left behind, so counts are right again", async () => {
  const api = chat.api;
  const room = await api.createRoom("after a crash");
  const { join, membersOf } = await import("@chat/core/presence");
  await join({ connectionId: "left-by-crash-1=", roomId: room.id, member: { id: "member-one", name: "one" } });
  await join({ connectionId: "left-by-crash-2=", roomId: room.id, member: { id: "member-two", name: "two" } });
  expect((await api.get(`/rooms/${room.id}`)).body.room.members).toBe(2);

  const { removeLeftoverConnections } = await import("../src/sweep");
  expect(await removeLeftoverConnections()).toBe(2);
  expect((await api.get(`/rooms/${room.id}`)).body.room.members).toBe(0);
  expect(await membersOf(room.id)).toEqual([]);
  expect(await removeLeftoverConnections()).toBe(0);
});
