// The bench's server child: the local stack (DynamoDB Local, in memory unless
// the parent names a folder for its files; the HTTP and WebSocket API
// emulators; the real handlers in their execution environments) on free
// ports, with SDK middleware in every environment counting and timing every
// DynamoDB request and post (worker-meter.ts), and every handler invocation
// timed (handler-timer.ts).

import { BroadcastChannel } from "node:worker_threads";
import { appFunctions } from "@chat/functions/routes";
import { configFromEnvironment } from "@chat/local/config";
import { startDynamoDbLocal } from "@chat/local/dynamodb-local";
import { warmUpDynamoDb } from "@chat/local/dynamodb-warm-up";
import { routeFunctionName } from "@chat/local/lambda";
import { freePort } from "@chat/local/ports";
import { startStack } from "@chat/local/stack";
import { newConnectionId } from "@chat/local/ws-events";
import pLimit from "p-limit";
import { HandlerTimer } from "./handler-timer";
import {
  DYNAMODB_DATA_DIR_VARIABLE,
  type QueueCounts,
  type RoomArgs,
  type RoomMembers,
  type SdkCall,
  type StaleMembersArgs,
  type StoreMessagesArgs,
} from "./ipc";
import { serveParent } from "./ipc-child";
import { childPidsOf } from "./proc-usage";
import { SdkMeter } from "./sdk-meter";
import {
  ASK_CAPACITY_CHANNEL,
  ASK_CAPACITY_VARIABLE,
  RELAY_INTERVAL_MS,
  SDK_CALLS_CHANNEL,
} from "./worker-meter-channel";

// Long enough for the environments' last batch of metered calls to arrive.
const relayDelay = () => new Promise((done) => setTimeout(done, 2 * RELAY_INTERVAL_MS));

async function main() {
  // Rooms are all created from 127.0.0.1, and where clients cannot have loopback
  // addresses of their own (client-addresses.ts) they connect from it too: per-address flood limits off.
  process.env.CONNECT_LIMIT_PER_ADDRESS ??= "1000000";
  process.env.ROOM_LIMIT_PER_ADDRESS ??= "1000000";
  const timer = new HandlerTimer(appFunctions.map(({ kind, fn }) => routeFunctionName(kind, fn.file)));
  const meter = new SdkMeter();
  const relayed = new BroadcastChannel(SDK_CALLS_CHANNEL);
  relayed.onmessage = (message) => {
    for (const call of (message as { data: SdkCall[] }).data) meter.recordRelayed(call);
  };
  relayed.unref();
  const askCapacity = new BroadcastChannel(ASK_CAPACITY_CHANNEL);
  askCapacity.unref();
  // Started here rather than by startStack, so that stopping the bench ends it
  // at once instead of running $disconnect for every client first.
  const dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir: process.env[DYNAMODB_DATA_DIR_VARIABLE] });
  // `npm start` warms the DynamoDB Local it starts once it is ready (3–5 s here); the bench
  // measures from the end of that warm-up, not from a JVM that has served no request.
  const warmedUp = warmUpDynamoDb(dynamo.endpoint);
  const stack = await startStack({
    apiPort: await freePort(),
    wsPort: await freePort(),
    dynamoEndpoint: dynamo.endpoint,
    functions: {
      // LAMBDA_CONCURRENCY, as `npm start` reads it.
      concurrency: configFromEnvironment().concurrency,
      preload: [new URL("./worker-meter.ts", import.meta.url).href],
      onInvocationStart: () => timer.started(),
      onInvocation: (record) => timer.ended(record),
    },
  });
  await warmedUp;
  // Imported after startStack: `Resource` reads the environment it sets.
  const { join, membersOf } = await import("@chat/core/presence");
  const { findRoom } = await import("@chat/core/rooms");
  const { storeMessage } = await import("@chat/core/messages");
  const { newMemberId } = await import("@chat/core/ids");

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= dynamo.stop());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void stop().finally(() => process.exit(0)));
  }
  serveParent({ apiUrl: stack.apiUrl, wsUrl: stack.wsUrl, childPids: childPidsOf(process.pid) }, async (kind, args) => {
    switch (kind) {
      case "reset":
        timer.reset();
        return meter.reset();
      case "counts":
        await relayDelay();
        return meter.report(false);
      case "trace":
        await relayDelay();
        return meter.report(true);
      case "invocations":
        return timer.report();
      case "staleMembers": {
        // The items a $connect writes (member, connection, room counter: core's
        // own join), dated `ageMs` back, for connection ids the WebSocket API
        // never had: a post to them answers 410, as for a client whose
        // connection dropped without its $disconnect having run yet.
        const { roomId, count, ageMs } = args as StaleMembersArgs;
        await pLimit(16).map(
          Array.from({ length: count }, (_, index) => index),
          async (index) => {
            await join(
              { connectionId: newConnectionId(), roomId, member: { id: newMemberId(), name: `stale${index}` } },
              { now: Date.now() - ageMs },
            );
          },
        );
        return count;
      }
      case "roomMembers": {
        const { roomId } = args as RoomArgs;
        const [members, room] = await Promise.all([membersOf(roomId), findRoom(roomId)]);
        return { memberItems: members.length, counter: room?.members } satisfies RoomMembers;
      }
      case "storeMessages": {
        const { roomId, count, text } = args as StoreMessagesArgs;
        const author = { id: newMemberId(), name: "history" };
        await pLimit(16).map(Array.from({ length: count }), async () => {
          await storeMessage({ roomId, text, author });
        });
        return count;
      }
      case "queueStats":
        return Object.fromEntries(
          ["Presence", "FanOut"].map((name) => {
            const { sent, invocations } = stack.queues.stats(name);
            return [name, { sent, invocations }];
          }),
        ) satisfies QueueCounts;
      case "askCapacity":
        process.env[ASK_CAPACITY_VARIABLE] = args ? "1" : "0";
        askCapacity.postMessage(Boolean(args));
        // Heard by every running environment well before the bench's next call.
        await relayDelay();
        return true;
      case "queuesDrained":
        await stack.queues.drained();
        return true;
      case "stop":
        await stop();
        setImmediate(() => process.exit(0));
    }
  });
}

main().catch((error) => {
  console.error("[bench server]", error);
  process.exit(1);
});
