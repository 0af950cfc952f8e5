import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { endOrphans } from "../src/pidfile";
import { WATCHDOG_NAME } from "../src/watchdog";
import { childrenOf, eventually, isGone, scratchForProcesses } from "./support/processes";

// The last line of defence against orphans: a runtime killed together with its
// watchdogs leaves its children running; the next start ends the ones its
// pidfile recorded, and nothing else.
const { dir, spawned } = scratchForProcesses("chat-pidfile-");

const src = join(import.meta.dirname, "../src");
// A stand-in for the runtime: owns a `sleep` (own process group, like DynamoDB Local) and records it.
const owner = `
import { spawn } from "node:child_process";
import { ownChild } from ${JSON.stringify(join(src, "child-process.ts"))};
import { recordChildrenIn } from ${JSON.stringify(join(src, "pidfile.ts"))};
recordChildrenIn(process.argv[1]);
const child = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
ownChild(child, { group: true, name: "a sleeper" });
console.log(child.pid);
setInterval(() => {}, 60_000);
`;

async function startOwner(pidfile: string) {
  const runtime = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", owner, pidfile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const sleeper = await new Promise<number>((done) =>
    runtime.stdout!.once("data", (chunk) => done(Number(chunk.toString()))),
  );
  spawned.push(sleeper);
  return { runtime, sleeper };
}

it("ends a child left running by a runtime killed with its watchdogs, once", async () => {
  const pidfile = join(dir, "killed.json");
  const { runtime, sleeper } = await startOwner(pidfile);
  const watchdogs = childrenOf(runtime.pid!).filter((child) => child.command.includes(WATCHDOG_NAME));
  expect(watchdogs).toHaveLength(1);
  for (const watchdog of watchdogs) process.kill(watchdog.pid, "SIGKILL");
  const exited = new Promise((done) => runtime.once("exit", done));
  runtime.kill("SIGKILL");
  await exited;
  expect(isGone(sleeper)).toBe(false);

  expect(await endOrphans(pidfile)).toBe(1);
  expect(isGone(sleeper)).toBe(true);
  expect(await endOrphans(pidfile)).toBe(0);
});

it("leaves the children of a runtime that still runs alone", async () => {
  const pidfile = join(dir, "alive.json");
  const { runtime, sleeper } = await startOwner(pidfile);
  expect(await endOrphans(pidfile)).toBe(0);
  expect(isGone(sleeper)).toBe(false);
  // Its own watchdog ends the sleeper when it dies.
  runtime.kill("SIGKILL");
  await eventually("the watchdog ended the sleeper", () => isGone(sleeper));
});

it("never touches a process whose pid was reused by something else", async () => {
  const stranger = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
  spawned.push(stranger.pid!);
  const pidfile = join(dir, "reused.json");
  const gone = { pid: 999_999_999, started: "Thu Jan  1 00:00:00 1970" };
  writeFileSync(
    pidfile,
    JSON.stringify({
      owner: gone,
      children: [{ pid: stranger.pid, started: "Thu Jan  1 00:00:00 1970", name: "x", group: true }],
    }),
  );
  expect(await endOrphans(pidfile)).toBe(0);
  expect(spawnSync("kill", ["-0", String(stranger.pid)]).status).toBe(0);
});
