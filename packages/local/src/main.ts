// `npm start`: the whole chat on this machine, no AWS account, no Docker.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { configFromEnvironment, type LocalConfig } from "./config";
import { warmUpDynamoDb } from "./dynamodb-warm-up";
import { endOrphans, recordChildrenIn } from "./pidfile";
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

/**
 * With HANDLERS=bundled: bundles every handler as `sst deploy` does into
 * HANDLERS_DIR or a fresh temporary folder (removed at stop), outside any
 * node_modules tree, and returns that folder.
 */
async function bundleForServing(config: LocalConfig): Promise<string> {
  const { bundleHandlers, esbuildVersion, nodeModulesAbove } = await import("./bundle");
  const dir = config.handlersDir ? resolve(config.handlersDir) : mkdtempSync(join(tmpdir(), "chat-handlers-"));
  if (!config.handlersDir) running.push({ stop: async () => rmSync(dir, { recursive: true, force: true }) });
  const nodeModules = nodeModulesAbove(dir);
  if (nodeModules) {
    throw new Error(
      `HANDLERS=bundled: ${dir} has ${nodeModules} above it, where a bundle could find a package it lacks; ` +
        "set HANDLERS_DIR to a folder outside any project",
    );
  }
  const bundles = await bundleHandlers(dir);
  // SST would npm-install these (sharp, pg-native) into the function's artifact; this runtime does not.
  const unbundled = bundles.filter((bundle) => bundle.unbundled.length > 0);
  if (unbundled.length > 0) {
    throw new Error(
      "HANDLERS=bundled: bundles import packages they do not contain: " +
        unbundled.map((bundle) => `${bundle.kind}/${bundle.file}: ${bundle.unbundled.join(", ")}`).join("; "),
    );
  }
  const kib = Math.round(bundles.reduce((sum, bundle) => sum + bundle.bytes, 0) / 1024);
  console.log(
    `handlers: served from ${bundles.length} bundles in ${dir} (${kib} KiB; esbuild ${esbuildVersion}, SST 3.19.3's options)`,
  );
  return dir;
}

/**
 * What tells this runtime's record of its children apart from another's with no data folder:
 * its DynamoDB Local's port, or the table it uses in a DynamoDB it did not start.
 */
function runtimeKey(config: LocalConfig): string {
  if (!config.dynamoEndpoint) return String(config.dynamoPort);
  const table = `${config.dynamoEndpoint} ${config.tableName ?? ""}`;
  return createHash("sha256").update(table).digest("hex").slice(0, 12);
}

/** Warms DynamoDB Local (dynamodb-warm-up.ts) in the background, and says when it is done. */
async function warmUpInBackground(endpoint: string) {
  const startedAt = performance.now();
  try {
    await warmUpDynamoDb(endpoint);
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    if (!stopping) console.log(`DynamoDB Local warmed up in ${seconds} s (NO_DYNAMODB_WARM_UP=1 skips this)`);
  } catch (error) {
    if (!stopping) console.warn(`DynamoDB Local's warm-up stopped: ${(error as Error).message}`);
  }
}

async function main() {
  // Installed first, so a Ctrl-C during start-up still stops what already runs.
  process.on("SIGINT", () => void shutdown("\nSIGINT: stopping…", 0));
  process.on("SIGTERM", () => void shutdown("\nSIGTERM: stopping…", 0));

  const config = configFromEnvironment();
  // Children a killed runtime left running (its watchdogs killed too) are ended
  // before the ports are checked; this runtime's own are recorded in the same file.
  const pidfile = config.dataDir
    ? join(resolve(config.dataDir), "runtime-children.json")
    : join(tmpdir(), `chat-local-${runtimeKey(config)}-children.json`);
  await endOrphans(pidfile);
  recordChildrenIn(pidfile);
  await assertPortsFree({
    ...(!config.dynamoEndpoint && { DYNAMODB_PORT: config.dynamoPort }),
    API_PORT: config.apiPort,
    WS_PORT: config.wsPort,
    ...(config.web && { WEB_PORT: config.webPort }),
  });
  // Bundling runs while DynamoDB Local starts; startStack awaits it before loading the handlers.
  const bundleDir = config.handlers === "bundled" ? bundleForServing(config) : undefined;
  bundleDir?.catch(() => undefined); // rejected: startStack throws it
  const stack = await startStack({
    apiPort: config.apiPort,
    wsPort: config.wsPort,
    dynamoPort: config.dynamoPort,
    dataDir: config.dataDir,
    dynamoEndpoint: config.dynamoEndpoint,
    tableName: config.tableName,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    maxConnectionSeconds: config.maxConnectionSeconds,
    pingSeconds: config.pingSeconds,
    bundleDir,
    functions: { concurrency: config.concurrency },
  });
  running.push({
    async stop() {
      await stack.stop();
      const kept = config.dynamoEndpoint ? `table ${stack.tableName} of ${stack.dynamoEndpoint}` : config.dataDir;
      console.log(
        kept
          ? `stopped; rooms and messages are kept in ${kept}`
          : "stopped; rooms and messages were in memory and are gone",
      );
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
      config.dynamoEndpoint
        ? `  DynamoDB       ${stack.dynamoEndpoint}  (already running; table ${stack.tableName})`
        : `  DynamoDB Local ${stack.dynamoEndpoint}  (data: ${config.dataDir ?? "in memory"})`,
    ].join("\n"),
  );
  // After the start, not before: the first requests are all it speeds up, and a start is waited for.
  if (config.warmUpDynamoDb) void warmUpInBackground(stack.dynamoEndpoint);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown("", 1);
});
