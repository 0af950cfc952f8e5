import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isRunning } from "@chat/local/process-running";
import { repoRoot } from "@chat/test-support/runtime-process";

// One test file at a time may own packages/web/.next: the OpenNext test while its `next build`
// rewrites it, a browser file while its runtime builds and serves it on the browser ports.
// They run side by side with the other tests (not at the end of the run), so they take turns
// through this lock: a folder made atomically, with the owner's pid inside so that a lock left
// by a killed run is taken over instead of waited for.
const lockDir = join(repoRoot, "node_modules/.cache/chat-e2e/site.lock");
const WAIT_STEP_MS = 250;

function ownerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(JSON.parse(readFileSync(join(lockDir, "owner.json"), "utf8")).pid);
  } catch {
    // Just made and not written yet, or being removed: treat as held, look again shortly.
    return true;
  }
  return Number.isInteger(pid) && pid > 0 && isRunning(pid);
}

/**
 * Waits until this process owns the site (at most `timeoutMs`), then returns the release
 * function (also run at process exit, so a failed file never leaves it held).
 */
export async function lockSite(what: string, timeoutMs = 600_000): Promise<() => void> {
  mkdirSync(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let stale = 0;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "owner.json"), JSON.stringify({ pid: process.pid, what }));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // A dead owner's lock (seen dead twice, so not one caught between mkdir and write) is removed.
    stale = ownerAlive() ? 0 : stale + 1;
    if (stale >= 2) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: packages/web/.next still locked after ${timeoutMs / 1000} s (${lockDir})`);
    }
    await new Promise((wake) => setTimeout(wake, WAIT_STEP_MS));
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    rmSync(lockDir, { recursive: true, force: true });
  };
  process.on("exit", release);
  return release;
}
