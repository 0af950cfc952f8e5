import type { ChildProcess } from "node:child_process";
import { basename } from "node:path";
import { childEnded, childStarted } from "./pidfile";
import { startWatchdog } from "./watchdog";

export interface OwnedChild {
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the exit code and the signal that ended it, if any. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs: number): Promise<void>;
  kill(): void;
  /**
   * Processes the child started itself in a process group of their own (so
   * `group` does not reach them), known by PID: SIGKILLed if still running
   * once the child has ended, and at this process's exit.
   */
  alsoEnd(pids: number[]): void;
}

/** The children this process owns and that have not ended yet. */
const owned = new Set<OwnedChild>();

/** Stops every child this process still owns, all at once (see OwnedChild.stop). */
export async function stopOwnedChildren(graceMs: number): Promise<void> {
  await Promise.all([...owned].map((child) => child.stop(graceMs)));
}

const killPid = (pid: number) => {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
};

/**
 * Takes charge of a child process this runtime started: it is stopped on
 * request and, whatever way this process ends, never outlives it — on a
 * normal exit the exit handler sends it SIGTERM and the watchdog (watchdog.ts)
 * SIGKILL if it is still there 5 s later; on kill -9 the watchdog does both;
 * and should the watchdog be gone too, the next start finds it in the pidfile
 * (pidfile.ts). With `group`, signals go to the child's whole process
 * group (it must have been spawned `detached`), so workers it forked end too.
 */
export function ownChild(
  child: ChildProcess,
  { group = false, name = basename(child.spawnfile) }: { group?: boolean; name?: string } = {},
): OwnedChild {
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (signalName: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      if (group) process.kill(-child.pid, signalName);
      else child.kill(signalName);
    } catch {
      // Already gone.
    }
  };
  const ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = hasExited()
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode as NodeJS.Signals | null })
    : new Promise((done) => child.once("exit", (code, signalCode) => done({ code, signal: signalCode })));
  const exited = ended.then(({ code }) => code);
  const others = new Set<number>();
  const endOthers = () => {
    others.forEach(killPid);
    others.clear();
  };
  // SIGTERM: the watchdog, which sees this process gone, sends SIGKILL 5 s later if need be.
  // A SIGKILL here could cost DynamoDB Local its last acknowledged transaction.
  const killOnExit = () => {
    signal("SIGTERM");
    endOthers();
  };
  process.once("exit", killOnExit);
  if (child.pid !== undefined && !hasExited()) {
    const pid = child.pid;
    const watchdog = startWatchdog(pid, { group });
    childStarted(pid, name, group);
    void ended.then(() => {
      watchdog.release();
      childEnded(pid);
    });
  }
  const handle: OwnedChild = {
    exited,
    ended,
    kill: () => signal("SIGKILL"),
    async stop(graceMs) {
      if (!hasExited()) {
        signal("SIGTERM");
        const timer = setTimeout(() => signal("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      await settled;
    },
    alsoEnd(pids) {
      for (const pid of pids) others.add(pid);
      if (hasExited()) void settled.then(endOthers);
    },
  };
  // Once it has ended: what it left running goes too, and it is no longer owned.
  const settled = ended.then(() => {
    endOthers();
    owned.delete(handle);
    process.off("exit", killOnExit);
  });
  if (child.pid !== undefined && !hasExited()) owned.add(handle);
  return handle;
}
