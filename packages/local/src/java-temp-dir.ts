import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeLeftByEndedProcesses } from "./process-running";

// DynamoDB Local copies its SQLite library (0.9 MB) into the JVM's temp folder
// at every start and deletes it only when the JVM exits on its own, so every
// JVM killed (kill -9; a runtime killed, whose watchdog then ends the JVM) left
// one in /tmp. Each JVM gets a folder of its own instead, named after the
// process that started it: removed when the JVM ends, or, when that process is
// gone too, by the next start. One root per user: others' folders are not ours to sweep.
export const JAVA_TEMP_ROOT = join(tmpdir(), `chat-dynamodb-local-${process.getuid?.() ?? "user"}`);

/** Removes the folders whose starting process no longer runs. */
export const removeAbandonedJavaTempDirs = (root = JAVA_TEMP_ROOT): void => removeLeftByEndedProcesses(root);

/** A new temp folder for one JVM this process starts (after removing abandoned ones). */
export function newJavaTempDir(root = JAVA_TEMP_ROOT): string {
  removeAbandonedJavaTempDirs(root);
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${process.pid}-`));
}

/** The java option that puts a JVM's temp files in `dir` (quoted: JDK_JAVA_OPTIONS splits on spaces). */
export const javaTempDirOption = (dir: string) => `-Djava.io.tmpdir="${dir}"`;
