import type { ChildProcess } from "node:child_process";

export interface OwnedChild {
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs: number): Promise<void>;
  kill(): void;
}

/**
 * Takes charge of a child process this runtime started: it is stopped on
 * request and, whatever way this process ends, never outlives it. With
 * `group`, signals go to the child's whole process group (it must have been
 * spawned `detached`), so workers it forked end too.
 */
export function ownChild(child: ChildProcess, { group = false } = {}): OwnedChild {
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (name: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      if (group) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // Already gone.
    }
  };
  const exited = hasExited()
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const killOnExit = () => signal("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  return {
    exited,
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
