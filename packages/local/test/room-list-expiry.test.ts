import { httpClient } from "@chat/test-support/http";
import { startTestStack } from "@chat/test-support/stack";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Stack } from "../src/stack";

// A flood of rooms that expired (empty past their grace period) must not make
// the room list read without end: reads are bounded, and expired rooms leave
// the index as listings meet them.
let stack: Stack;
let api: ReturnType<typeof httpClient>;
const queries: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ ROOM_GRACE_SECONDS: "3300" });
  api = httpClient(stack.apiUrl);
  const { dynamo } = await import("@chat/core/db");
  dynamo.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "QueryCommand") queries.push(context.commandName);
      return next(args);
    },
    { step: "initialize", name: "countQueries" },
  );
});
afterAll(() => stack?.stop());

it("lists past 300 expired rooms with a bounded number of reads per request, and heals", async () => {
  const live = await api.createRoom("still here");
  process.env.ROOM_GRACE_SECONDS = "1";
  for (let batch = 0; batch < 15; batch++) {
    await Promise.all(Array.from({ length: 20 }, (_, index) => api.createRoom(`flood ${batch}-${index}`)));
  }
  process.env.ROOM_GRACE_SECONDS = "3300";
  await new Promise((done) => setTimeout(done, 2100)); // past the flood's grace period (TTLs round up)

  const pagesPerRequest: number[] = [];
  let first: { rooms: { id: string }[]; cursor: string | null } | undefined;
  for (let request = 0; request < 10; request++) {
    queries.length = 0;
    const response = await api.get("/rooms?limit=1");
    expect(response.status).toBe(200);
    pagesPerRequest.push(queries.length);
    first ??= response.body;
    if (response.body.rooms[0]?.id === live.id) break;
  }
  const { MAX_PAGES_PER_REQUEST } = await import("@chat/core/db");
  expect(Math.max(...pagesPerRequest)).toBeLessThanOrEqual(MAX_PAGES_PER_REQUEST);
  // The first request met more expired rooms than its budget: a short page that resumes.
  expect(first!.rooms).toEqual([]);
  expect(first!.cursor).not.toBeNull();

  queries.length = 0;
  const healed = await api.get("/rooms?limit=1");
  expect(healed.body.rooms.map((room: { id: string }) => room.id)).toEqual([live.id]);
  expect(queries).toHaveLength(1);
});
