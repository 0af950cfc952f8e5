import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pollUntil } from "./wait-until";

// The runtime records the child processes it owns (DynamoDB Local's java,
// Next.js) in a file, so a start after a crash the watchdogs did not cover
// (they were killed too) finds and ends the ones still running. A process is
// recognised by its pid *and* its start time, so a pid reused by something
// else is never touched.

interface Process {
  pid: number;
  /** `ps -o lstart=`: when it started; unchanged by exec. */
  started: string;
}

interface ChildRecord extends Process {
  name: string;
  /** Signal its whole process group. */
  group: boolean;
}

interface Pidfile {
  owner: Process;
  children: ChildRecord[];
}

let file: string | undefined;
const children = new Map<number, ChildRecord>();

function startTimeOf(pid: number): string | undefined {
  const ps = spawnSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8" });
  const started = ps.status === 0 ? ps.stdout.trim() : "";
  return started === "" ? undefined : started;
}

function commandOf(pid: number): string {
  const ps = spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
  return ps.status === 0 ? ps.stdout.trim() : "";
}

/** Alive, not a zombie, and the very process that was recorded. */
function isStill({ pid, started }: Process): boolean {
  const ps = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  if (ps.status !== 0 || ps.stdout.trim() === "" || ps.stdout.trim().startsWith("Z")) return false;
  return startTimeOf(pid) === started;
}

function save() {
  if (!file) return;
  try {
    if (children.size === 0) {
      rmSync(file, { force: true });
      return;
    }
    const content: Pidfile = {
      owner: { pid: process.pid, started: startTimeOf(process.pid) ?? "" },
      children: [...children.values()],
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  } catch (error) {
    console.error(`could not record child processes in ${file}: ${(error as Error).message}`);
  }
}

/** From now on, the children this runtime owns are recorded in `path`. */
export function recordChildrenIn(path: string): void {
  file = path;
  save();
}

export function childStarted(pid: number, name: string, group: boolean): void {
  if (!file) return;
  const started = startTimeOf(pid);
  if (started === undefined) return;
  children.set(pid, { pid, started, name, group });
  save();
}

export function childEnded(pid: number): void {
  if (!children.delete(pid)) return;
  save();
}

async function waitUntilGone(child: ChildRecord, timeoutMs: number): Promise<boolean> {
  return (await pollUntil(() => !isStill(child), { timeoutMs })) === true;
}

/**
 * Ends the children recorded in `path` by a runtime that is gone and that are
 * still running (SIGTERM, SIGKILL after 5 s), printing one line for each.
 * A runtime that is still running keeps its children. Returns how many it ended.
 */
export async function endOrphans(path: string): Promise<number> {
  let recorded: Pidfile;
  try {
    recorded = JSON.parse(readFileSync(path, "utf8")) as Pidfile;
  } catch {
    return 0;
  }
  if (recorded.owner.pid !== process.pid && isStill(recorded.owner)) return 0;
  let ended = 0;
  for (const child of recorded.children ?? []) {
    if (!isStill(child)) continue;
    const command = commandOf(child.pid);
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(child.group ? -child.pid : child.pid, name);
      } catch {
        // Gone meanwhile.
      }
    };
    signal("SIGTERM");
    if (!(await waitUntilGone(child, 5_000))) {
      signal("SIGKILL");
      await waitUntilGone(child, 5_000);
    }
    console.log(
      `ended ${child.name} (pid ${child.pid}), left running by a runtime that was killed (pid ${recorded.owner.pid}): ${command.slice(0, 120)}`,
    );
    ended++;
  }
  rmSync(path, { force: true });
  return ended;
}
