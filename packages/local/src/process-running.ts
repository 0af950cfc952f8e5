import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Whether a process with this id runs now (signal 0 only checks; EPERM means it
 * runs under another user). A pid may have been reused: callers for whom that
 * matters compare start times as well (pidfile.ts).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the entries of `folder` named `<prefix><pid>-…` whose process no longer runs: what a
 * killed process left behind. Best effort: an entry that cannot go now is tried again next time.
 */
export function removeLeftByEndedProcesses(folder: string, prefix = ""): void {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries.filter((name) => name.startsWith(prefix))) {
    const owner = Number(entry.slice(prefix.length).split("-")[0]);
    if (Number.isSafeInteger(owner) && owner > 0 && !isRunning(owner)) {
      try {
        rmSync(join(folder, entry), { recursive: true, force: true });
      } catch {}
    }
  }
}
