import { IN_PROCESS, useTestStack } from "@chat/test-support/stack";
import { beforeAll, expect, it } from "vitest";

// A flood of rooms that expired (empty past their grace period) must not make
// the room list read without end: reads are bounded, and expired rooms leave
// the index as listings meet them.
const queries: string[] = [];

const chat = useTestStack({ ROOM_GRACE_SECONDS: "3300" }, { functions: IN_PROCESS });
beforeAll(async () => {
  const { dynamo } = await import("@chat/core/db");
  dynamo.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "QueryCommand") queries.push(context.commandName);
      return next(args);
    },
    { step: "initialize", name: "countQueries" },
  );
});

it("lists past 300 expired rooms with a bounded number of reads per request, and heals", async () => {
  const live = await chat.api.createRoom("still here");
  process.env.ROOM_GRACE_SECONDS = "1";
  for (let batch = 0; batch < 15; batch++) {
    await Promise.all(Array.from({ length: 20 }, (_, index) => chat.api.createRoom(`flood ${batch}-${index}`)));
  }
  process.env.ROOM_GRACE_SECONDS = "3300";
  await new Promise((done) => setTimeout(done, 2100)); // past the flood's grace period (TTLs round up)

  // Each listing deletes up to 50 of the expired rooms it meets: 300 need about six.
  const pagesPerRequest: number[] = [];
  const answers: { rooms: { id: string }[]; cursor: string | null }[] = [];
  for (let request = 0; request < 20; request++) {
    queries.length = 0;
    const response = await chat.api.get("/rooms?limit=1");
    expect(response.status).toBe(200);
    pagesPerRequest.push(queries.length);
    answers.push(response.body);
    if (queries.length === 1 && response.body.rooms[0]?.id === live.id) break;
  }
  const { MAX_PAGES_PER_REQUEST } = await import("@chat/core/db");
  expect(Math.max(...pagesPerRequest)).toBeLessThanOrEqual(MAX_PAGES_PER_REQUEST);
  // The first request met more expired rooms than its budget: a short page that resumes.
  expect(answers[0]!.rooms).toEqual([]);
  expect(answers[0]!.cursor).not.toBeNull();
  // Healed: one Query finds the live room, and nothing expired is left in front of it.
  expect(pagesPerRequest.at(-1)).toBe(1);
  expect(answers.at(-1)!.rooms.map((room) => room.id)).toEqual([live.id]);
  expect(pagesPerRequest.length).toBeLessThan(20);
});
