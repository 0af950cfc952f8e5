// `npm run bench:room-list`: how long GET /rooms takes with thousands of expired
// rooms ahead of the live ones (a flood of POST /rooms whose grace periods ran
// out). Each request reads a bounded number of pages and unlists the expired
// rooms it meets, so the first requests pay for the flood and the rest do not.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDynamoDbLocal } from "@chat/local/dynamodb-local";
import { freePort } from "@chat/local/ports";
import { startStack } from "@chat/local/stack";
import pLimit from "p-limit";
import { round, summarize } from "./stats";

const { values } = parseArgs({
  options: {
    expired: { type: "string", default: "5000" },
    requests: { type: "string", default: "30" },
    limit: { type: "string", default: "50" },
  },
});
const expiredCount = Number(values.expired);
const requests = Number(values.requests);
const limit = Number(values.limit);

async function main() {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const stack = await startStack({ apiPort: 0, wsPort: 0, dynamoEndpoint: dynamo.endpoint });
  try {
    const { createRoom } = await import("@chat/core/rooms");
    const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000;
    process.env.ROOM_GRACE_SECONDS = String(10 * 3600);
    const live = await Promise.all(
      Array.from({ length: limit }, (_, index) => createRoom(`live ${index}`, hoursAgo(2))),
    );
    process.env.ROOM_GRACE_SECONDS = "1";
    const create = pLimit(16);
    await Promise.all(
      Array.from({ length: expiredCount }, (_, index) => create(() => createRoom(`expired ${index}`, hoursAgo(1)))),
    );
    console.log(`${live.length} live rooms, then ${expiredCount} newer rooms that expired an hour ago`);

    const times: number[] = [];
    for (let request = 0; request < requests; request++) {
      const startedAt = performance.now();
      const response = await fetch(`${stack.apiUrl}/rooms?limit=${limit}`);
      await response.json();
      times.push(performance.now() - startedAt);
      if (response.status !== 200) throw new Error(`GET /rooms answered ${response.status}`);
    }
    const found = times.findIndex((_, index) => index > 0 && times.slice(index).every((ms) => ms < 100));
    if (found < 0)
      throw new Error(`GET /rooms never stayed under 100 ms: ${times.map((ms) => round(ms)).join(", ")} ms`);
    const firstClean = found;
    const steady = summarize(times.slice(firstClean));
    const result = {
      at: new Date().toISOString(),
      expiredRooms: expiredCount,
      limit,
      requestsMs: times.map((ms) => round(ms)),
      requestsUntilUnder100Ms: firstClean,
      steadyP50Ms: round(steady.p50),
      steadyMaxMs: round(steady.max),
    };
    writeFileSync(join(import.meta.dirname, "results/room-list.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `GET /rooms?limit=${limit}: first requests ${result.requestsMs.slice(0, 12).join(", ")} ms; ` +
        `from request ${firstClean + 1} on every request under 100 ms (p50 ${result.steadyP50Ms} ms, max ${result.steadyMaxMs} ms)`,
    );
  } finally {
    await stack.stop();
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
