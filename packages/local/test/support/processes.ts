import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { waitUntil } from "../../src/wait-until";

/** The direct children of `pid`, with their command lines (`ps`, as /proc/<pid>/task/x/children may be missing). */
export function childrenOf(pid: number): { pid: number; command: string }[] {
  const ps = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), command: match[2]! }));
}

/** Not running any more: no such process, or a zombie nobody reaped yet. */
export function isGone(pid: number): boolean {
  const ps = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  const stat = ps.stdout.trim();
  return stat === "" || stat.startsWith("Z");
}

export async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((done) => {
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

/** Polls `check` until it holds; fails after `timeoutMs` with `what`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  await waitUntil(what, check, { timeoutMs });
}

/** The temp folder a running JVM was given (`-Djava.io.tmpdir` in its JDK_JAVA_OPTIONS), from its environment. */
export function javaTempDirOf(pid: number): string | undefined {
  const environment = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  const options = environment.find((variable) => variable.startsWith("JDK_JAVA_OPTIONS="));
  return options?.match(/-Djava\.io\.tmpdir="([^"]+)"/)?.[1];
}

/**
 * A temp folder and a list of process groups a test file started, both gone after its last test
 * (each group SIGKILLed, whatever is left of it): `spawned` is filled by the tests.
 */
export function scratchForProcesses(prefix: string): { dir: string; spawned: number[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const spawned: number[] = [];
  afterAll(() => {
    for (const pid of spawned) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, spawned };
}
