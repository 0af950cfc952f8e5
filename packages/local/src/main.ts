// `npm start`: the whole chat on this machine, no AWS account, no Docker.
import { configFromEnvironment } from "./config";
import { startStack } from "./stack";

async function main() {
  const config = configFromEnvironment();
  const stack = await startStack({
    apiPort: config.apiPort,
    wsPort: config.wsPort,
    dynamoPort: config.dynamoPort,
    dataDir: config.dataDir,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    maxConnectionSeconds: config.maxConnectionSeconds,
  });
  let web: { url: string; stop(): Promise<void> } | undefined;
  if (process.env.NO_WEB !== "1") {
    const { startWeb } = await import("./web");
    web = await startWeb({ port: config.webPort, apiUrl: stack.apiUrl, wsUrl: stack.wsUrl });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await web?.stop();
    await stack.stop();
    console.log("stopped; rooms and messages are kept in", config.dataDir ?? "memory (not kept)");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

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
  process.exit(1);
});
