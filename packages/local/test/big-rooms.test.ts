import { useTestStack } from "@chat/test-support/stack";
import type { ChatClient, Frame } from "@chat/test-support/ws-client";
import { describe, expect, it } from "vitest";

// Big rooms with small thresholds, so a handful of clients makes one: above 3
// members presence is batched through the Presence queue, above 6 it is counts
// only, and a frame to more than 4 members goes out in shards of 3 (FanOut queue).
const chat = useTestStack({
  PRESENCE_BATCH_ABOVE: "3",
  PRESENCE_NAMES_UP_TO: "6",
  FAN_OUT_SHARD_ABOVE: "4",
  FAN_OUT_SHARD_SIZE: "3",
});

const PRESENCE_TYPES = new Set(["join", "leave", "presence", "presenceCount"]);
const presenceFrames = (client: ChatClient) => client.frames.filter((frame) => PRESENCE_TYPES.has(frame.type));

/** The member count a client would show: the newest by countedAt (join and leave frames count as they come). */
function shownCount(client: ChatClient): number | undefined {
  let newest: Frame | undefined;
  for (const frame of presenceFrames(client)) {
    if (!newest || (frame.countedAt ?? 0) >= (newest.countedAt ?? 0)) newest = frame;
  }
  return newest?.members;
}

const connectAll = (roomId: string, names: string[]) => Promise.all(names.map((name) => chat.join(roomId, name)));

/** A new room that `size` clients join at once, once every one of them shows the count of `size`. */
async function filledRoom(name: string, size: number) {
  const room = await chat.api.createRoom(name);
  const clients = await connectAll(
    room.id,
    Array.from({ length: size }, (_, index) => `${name}${index}`),
  );
  await Promise.all(clients.map((client) => client.until(() => shownCount(client) === size)));
  return { room, clients };
}

describe("presence", () => {
  it("a small room hears each join at once; past the batching size, joins come in batches naming who joined", async () => {
    const room = await chat.api.createRoom("batched");
    const [first] = await connectAll(room.id, ["m1"]);
    const [second] = await connectAll(room.id, ["m2"]);
    expect(await first!.nextOfType("join")).toEqual({
      type: "join",
      member: expect.any(Object),
      members: 2,
      countedAt: expect.any(Number),
    });
    // Four more at once: the room passes 3 members, so they are announced in batches.
    const crowd = await connectAll(room.id, ["m3", "m4", "m5", "m6"]);
    const everyone = [first!, second!, ...crowd];
    await Promise.all(everyone.map((client) => client.until(() => shownCount(client) === 6)));
    // Every join reached the first member by name, each exactly once (a batch can count
    // everyone before the paced notice naming the last ones arrives).
    const namesHeard = () =>
      [...first!.ofType("join"), ...first!.ofType("presence")]
        .flatMap((frame) => frame.joined ?? [frame.member])
        .map((member: { name: string }) => member.name);
    await first!.until(() => ["m2", "m3", "m4", "m5", "m6"].every((name) => namesHeard().includes(name)));
    expect(namesHeard().sort()).toEqual(["m2", "m3", "m4", "m5", "m6"]);
    const batched = first!.ofType("presence");
    expect(batched.length).toBeGreaterThan(0);
    expect(batched.every((frame) => typeof frame.countedAt === "number")).toBe(true);
  });

  it("above the naming size, batches carry counts; every member's count converges to the truth", async () => {
    const { room, clients } = await filledRoom("counted", 9);
    const counted = clients.flatMap((client) => client.ofType("presenceCount"));
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.at(-1)).toEqual({
      type: "presenceCount",
      joined: expect.any(Number),
      left: expect.any(Number),
      members: 9,
      countedAt: expect.any(Number),
    });
    // Two leave: the others' counts converge to 7.
    await Promise.all(clients.slice(0, 2).map((client) => client.close()));
    await Promise.all(clients.slice(2).map((client) => client.until(() => shownCount(client) === 7)));
    const { body } = await chat.api.get(`/rooms/${room.id}`);
    expect(body.room.members).toBe(7);
  });
});

describe("sharded fan-out", () => {
  it("a message to a room above the sharding size reaches every member exactly once, posted in shards", async () => {
    const { clients } = await filledRoom("sharded", 8);
    // The paced presence notices of the fill go out in shards too: let them finish first.
    await chat.stack.queues.drained();
    const shardsBefore = chat.stack.queues.stats("FanOut").sent;
    clients[0]!.sendMessage("to everyone", "shard-1");
    await Promise.all(clients.map((client) => client.nextOfType("message")));
    await chat.stack.queues.drained();
    for (const client of clients) {
      expect(client.ofType("message").map((frame) => frame.message.text)).toEqual(["to everyone"]);
    }
    // 8 members in shards of 3.
    expect(chat.stack.queues.stats("FanOut").sent - shardsBefore).toBe(3);
  });
});
