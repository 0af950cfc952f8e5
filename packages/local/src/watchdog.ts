import { spawn } from "node:child_process";
import type { Socket } from "node:net";

/** Shown in `ps` as the watchdog's $0, so it can be told apart from other shells. */
export const WATCHDOG_NAME = "chat-watchdog";

// The watchdog blocks reading a pipe whose only writer is this runtime. A line
// means "the child ended, stand down"; end of file means the runtime is gone
// (the kernel closes its pipes when it dies, even by SIGKILL, before it is
// reaped), so the child is ended: SIGTERM, then SIGKILL after 5 s.
const SCRIPT = `if read -r _; then exit 0; fi
kill -s TERM -- "$1" 2>/dev/null || exit 0
i=0
while [ "$i" -lt 50 ] && kill -s 0 -- "$1" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill -s KILL -- "$1" 2>/dev/null
exit 0
`;

export interface Watchdog {
  /** The child ended by itself or was stopped by the runtime: the watchdog exits. */
  release(): void;
}

/**
 * Starts a tiny `sh` that ends `pid` (its process group with `group`) the moment
 * this process is gone, however it ended — kill -9 included, which no exit
 * handler sees. It runs in its own process group, so a Ctrl-C in the terminal
 * reaches the runtime (which stops its children in order), not the watchdog.
 */
export function startWatchdog(pid: number, { group = false } = {}): Watchdog {
  const target = group ? `-${pid}` : String(pid);
  const watchdog = spawn("sh", ["-c", SCRIPT, WATCHDOG_NAME, target], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.on("error", (error) => console.error(`[watchdog] could not watch pid ${pid}: ${error.message}`));
  const pipe = watchdog.stdin as Socket | null;
  pipe?.on("error", () => undefined);
  // Neither the watchdog nor its pipe keeps this process alive.
  pipe?.unref();
  watchdog.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      pipe?.end("done\n");
    },
  };
}
