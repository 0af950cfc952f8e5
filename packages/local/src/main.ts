// `npm start`: the whole chat on this machine, no AWS account, no Docker.
import { configFromEnvironment } from "./config";
import { assertPortsFree } from "./ports";
import { startStack } from "./stack";

const running: { stop(): Promise<void> }[] = [];
let stopping = false;

/** Stops what has started so far, newest first; safe to call at any point. */
async function shutdown(reason: string, exitCode: number) {
  if (stopping) return;
  stopping = true;
  if (reason) console.log(reason);
  for (const part of running.reverse()) await part.stop().catch((error) => console.error(error));
  process.exit(exitCode);
}

async function main() {
  // Installed first, so a Ctrl-C during start-up still stops what already runs.
  process.on("SIGINT", () => void shutdown("\nSIGINT: stopping…", 0));
  process.on("SIGTERM", () => void shutdown("\nSIGTERM: stopping…", 0));

  const config = configFromEnvironment();
  await assertPortsFree({
    DYNAMODB_PORT: config.dynamoPort,
    API_PORT: config.apiPort,
    WS_PORT: config.wsPort,
    ...(config.web && { WEB_PORT: config.webPort }),
  });
  const stack = await startStack({
    apiPort: config.apiPort,
    wsPort: config.wsPort,
    dynamoPort: config.dynamoPort,
    dataDir: config.dataDir,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    maxConnectionSeconds: config.maxConnectionSeconds,
  });
  running.push({
    async stop() {
      await stack.stop();
      console.log("stopped; rooms and messages are kept in", config.dataDir ?? "memory (not kept)");
    },
  });
  let web: { url: string; stop(): Promise<void> } | undefined;
  if (config.web) {
    const { startWeb } = await import("./web");
    web = await startWeb({
      port: config.webPort,
      apiUrl: stack.apiUrl,
      wsUrl: stack.wsUrl,
      mode: config.webMode,
      skipBuild: config.webSkipBuild,
    });
    running.push(web);
  }
  if (stopping) return;
  console.log(
    [
      "chat is ready:",
      ...(web ? [`  web UI         ${web.url}`] : []),
      `  HTTP API       ${stack.apiUrl}`,
      `  WebSocket API  ${stack.wsUrl}  (@connections: ${stack.managementEndpoint}/@connections/{id})`,
      `  DynamoDB Local ${stack.dynamoEndpoint}  (data: ${config.dataDir ?? "in memory"})`,
    ].join("\n"),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown("", 1);
});
