// The bench's server child: the local stack (in-memory DynamoDB Local, the
// HTTP and WebSocket API emulators, the real handlers) on free ports, with
// SDK middleware counting and timing every DynamoDB request and post.
import { startDynamoDbLocal } from "@chat/local/dynamodb-local";
import { startStack } from "@chat/local/stack";
import { freePort } from "@chat/local/ports";
import { childPidsOf } from "./proc-usage";
import { serveParent } from "./ipc-child";
import { SdkMeter } from "./sdk-meter";

async function main() {
  process.env.ROOM_GRACE_SECONDS ??= "3600";
  // Started here rather than by startStack, so that stopping the bench ends it
  // at once instead of running $disconnect for every client first.
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const stack = await startStack({
    apiPort: await freePort(),
    wsPort: await freePort(),
    dynamoEndpoint: dynamo.endpoint,
  });
  // Imported after startStack: `Resource` reads the environment it sets.
  const { dynamo: dynamoClient } = await import("@chat/core/db");
  const { managementClient } = await import("@chat/core/notifier");
  const meter = new SdkMeter();
  meter.install(dynamoClient, "dynamodb");
  meter.install(managementClient(), "management");

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= dynamo.stop());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void stop().finally(() => process.exit(0)));
  }
  serveParent(
    { apiUrl: stack.apiUrl, wsUrl: stack.wsUrl, childPids: childPidsOf(process.pid) },
    async (kind) => {
      switch (kind) {
        case "reset":
          return meter.reset();
        case "counts":
          return meter.report(false);
        case "trace":
          return meter.report(true);
        case "stop":
          await stop();
          setImmediate(() => process.exit(0));
      }
    },
  );
}

main().catch((error) => {
  console.error("[bench server]", error);
  process.exit(1);
});
