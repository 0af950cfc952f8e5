import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { eventually, isGone, scratchForProcesses } from "./support/processes";

// What an owned child gets when the runtime exits without stopping it (a crash, say): SIGTERM,
// which lets DynamoDB Local keep what it acknowledged (a SIGKILL may not: README.md, "DynamoDB
// Local"), then SIGKILL from the watchdog if it is still there 5 s later.
const { dir, spawned } = scratchForProcesses("chat-child-process-");

// A stand-in for the runtime: owns a shell in a process group of its own (as DynamoDB Local is
// run) whose SIGTERM trap is given as an argument, prints its pid, and exits.
const owner = `
import { spawn } from "node:child_process";
import { ownChild } from ${JSON.stringify(join(import.meta.dirname, "../src/child-process.ts"))};
const [onTerm] = process.argv.slice(1);
const child = spawn("sh", ["-c", \`trap '\${onTerm}' TERM; echo ready; while :; do sleep 0.05; done\`], {
  detached: true,
  stdio: ["ignore", "pipe", "ignore"],
});
ownChild(child, { group: true, name: "a stand-in" });
child.stdout.once("data", () => {
  console.log(child.pid);
  process.exit(0);
});
`;

async function ownerExitsWith(onTerm: string): Promise<number> {
  const runtime = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", owner, onTerm], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const child = await new Promise<number>((done) =>
    runtime.stdout!.once("data", (chunk) => done(Number(chunk.toString()))),
  );
  spawned.push(child);
  await new Promise((done) => runtime.once("exit", done));
  return child;
}

it("sends an owned child SIGTERM when the runtime exits, not SIGKILL", async () => {
  const record = join(dir, "signal");
  const child = await ownerExitsWith(`echo TERM > ${record}; exit 0`);
  await eventually("the child ended", () => isGone(child));
  expect(readFileSync(record, "utf8").trim()).toBe("TERM");
});

it("SIGKILLs an owned child that outlives that SIGTERM, about 5 s later", { timeout: 30_000 }, async () => {
  const child = await ownerExitsWith("");
  await new Promise((done) => setTimeout(done, 1_000));
  expect(isGone(child)).toBe(false);
  await eventually("the watchdog ended the child", () => isGone(child), 15_000);
});
