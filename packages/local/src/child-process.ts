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
}

/**
 * Takes charge of a child process this runtime started: it is stopped on
 * request and, whatever way this process ends, never outlives it — on a
 * normal exit the exit handler kills it, on kill -9 a watchdog (watchdog.ts)
 * does, and should the watchdog be gone too, the next start finds it in the
 * pidfile (pidfile.ts). With `group`, signals go to the child's whole process
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
  const killOnExit = () => signal("SIGKILL");
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
  void ended.then(() => process.off("exit", killOnExit));
  return {
    exited,
    ended,
    kill: () => signal("SIGKILL"),
    async stop(graceMs) {
      if (hasExited()) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
