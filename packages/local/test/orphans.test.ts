import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onFreePorts, RUNTIME_PORTS } from "@chat/test-support/ports";
import { launchApis, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { afterAll, expect, it } from "vitest";
import { WATCHDOG_NAME } from "../src/watchdog";
import { childrenOf, eventually, isGone, javaTempDirOf, portIsFree } from "./support/processes";

// The runtime killed with SIGKILL — no exit handler runs — must leave nothing
// behind: its watchdogs end DynamoDB Local at once (pidfile.test.ts covers the
// case where the watchdogs are killed too).
const dataDir = mkdtempSync(join(tmpdir(), "chat-orphans-"));
const started: RuntimeProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((runtime) => runtime.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const runtime = await launchApis({ ...env, DATA_DIR: dataDir });
  started.push(runtime);
  return runtime;
}

it("leaves no child process and no taken port after kill -9, and starts again on the same ports", {
  timeout: 120_000,
}, async () => {
  // The second start reuses the first one's ports on purpose: a clash there is the failure.
  const { started: first, env } = await onFreePorts(RUNTIME_PORTS, start);
  const ports = Object.fromEntries(Object.entries(env).map(([name, port]) => [name, Number(port)]));
  const children = childrenOf(first.pid);
  const java = children.find((child) => child.command.includes("DynamoDBLocal.jar"));
  expect(java).toBeDefined();
  const javaTempDir = javaTempDirOf(java!.pid);
  expect(children.some((child) => child.command.includes(WATCHDOG_NAME))).toBe(true);
  process.kill(first.pid, "SIGKILL");
  await first.exited;
  await eventually("every child of the killed runtime is gone", () => children.every((child) => isGone(child.pid)));
  await eventually("its ports are free", async () =>
    (await Promise.all(Object.values(ports).map(portIsFree))).every(Boolean),
  );

  const second = await start(env);
  expect(second.output()).toContain(`http://127.0.0.1:${ports.API_PORT}`);
  // The killed runtime's JVM left its temp folder (its copy of the SQLite library); this start removed it.
  expect(javaTempDir).toBeDefined();
  expect(existsSync(javaTempDir!)).toBe(false);
  expect(await second.stop()).toBe(0);
});
