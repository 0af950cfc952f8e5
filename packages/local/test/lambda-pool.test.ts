import { readdirSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { configFromEnvironment } from "../src/config";
import { bundleEnvironments } from "../src/environment-bundle";
import { MAX_EVENT_BYTES } from "../src/invocation";
import { FunctionPool, type InvocationRecord } from "../src/lambda-pool";
import type { ProbeEvent } from "./fixtures/lambda-probe";

// Lambda's execution model, locally: environments of their own per function,
// one invocation per environment at a time, module state per environment,
// the function's timeout and memory enforced, crashes contained.

const probe = pathToFileURL(new URL("./fixtures/lambda-probe.ts", import.meta.url).pathname).href;
const failingInit = pathToFileURL(new URL("./fixtures/failing-init.ts", import.meta.url).pathname).href;
const callbackProbe = pathToFileURL(new URL("./fixtures/callback-probe.ts", import.meta.url).pathname).href;
const httpImportProbe = pathToFileURL(new URL("./fixtures/http-import-probe.ts", import.meta.url).pathname).href;

interface ProbeResult {
  environmentId: string;
  invocations: number;
  mostInFlight: number;
  remainingMs: number;
  memory: string;
  functionName: string;
  traceHeader: string;
  compileCacheDir?: string;
}

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((part) => part.stop()));
});

async function startPool(
  options: { concurrency?: number; timeoutMs?: number; memoryMb?: number; module?: string } = {},
  logged: string[] = [],
  records: InvocationRecord[] = [],
) {
  const module = options.module ?? probe;
  const bundles = await bundleEnvironments([{ functionName: "probe", module }]);
  const pool = new FunctionPool({
    bundle: bundles.files.probe!,
    compileCacheDir: bundles.compileCacheDir,
    function: {
      functionName: "probe",
      module,
      timeoutMs: options.timeoutMs ?? 10_000,
      memoryMb: options.memoryMb ?? 256,
    },
    concurrency: options.concurrency ?? 4,
    log: (line) => logged.push(line),
    onInvocation: (record) => records.push(record),
  });
  running.push(pool);
  const invoke = (event: ProbeEvent = {}) => pool.invoke(event) as Promise<ProbeResult>;
  return { pool, invoke, logged, records, bundles };
}

describe("execution environments", () => {
  it("reuses a warm environment, keeping its module state, and logs only the cold start", async () => {
    const { pool, invoke, logged, records } = await startPool();
    const first = await invoke();
    const second = await invoke();
    expect(second.environmentId).toBe(first.environmentId);
    expect([first.invocations, second.invocations]).toEqual([1, 2]);
    expect(pool.coldStarts).toBe(1);
    expect(logged.filter((line) => line.includes("cold start"))).toHaveLength(1);
    expect(records.map((record) => record.coldStartMs !== undefined)).toEqual([true, false]);
    expect(first.functionName).toBe("probe");
  });

  it("keeps V8's compiled code beside the bundle, written once an environment is ready", async () => {
    const { invoke, bundles } = await startPool();
    const result = await invoke();
    expect(result.compileCacheDir?.startsWith(`${realpathSync(bundles.compileCacheDir)}/`)).toBe(true);
    expect(readdirSync(bundles.compileCacheDir, { recursive: true }).length).toBeGreaterThan(0);
  });

  it("gives a handler node:http without loading Node's undici, as an https: endpoint on AWS never does", async () => {
    const { pool } = await startPool({ module: httpImportProbe });
    expect(await pool.invoke({})).toEqual({ works: true, undiciLoaded: false });
  });

  it("maps a handler's stack trace to its source file, not the bundle", async () => {
    const { invoke } = await startPool();
    const error = await invoke({ action: "throw" }).catch((thrown: Error) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).stack).toMatch(/fixtures\/lambda-probe\.ts:\d+/);
  });

  it("gives each invocation a trace header of its own in _X_AMZN_TRACE_ID, as Lambda does", async () => {
    const { invoke } = await startPool();
    const [first, second] = [await invoke(), await invoke()];
    const header = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/;
    expect(first.traceHeader).toMatch(header);
    expect(second.traceHeader).toMatch(header);
    expect(second.traceHeader).not.toBe(first.traceHeader);
  });

  it("serves one invocation per environment at a time: concurrent ones get environments of their own", async () => {
    const { pool, invoke } = await startPool({ concurrency: 3 });
    const results = await Promise.all([1, 2, 3].map(() => invoke({ action: "wait", ms: 300 })));
    expect(new Set(results.map((result) => result.environmentId)).size).toBe(3);
    expect(results.map((result) => result.mostInFlight)).toEqual([1, 1, 1]);
    expect(pool.size).toBe(3);
  });

  it("starts no more environments than its concurrency; later invocations wait for one", async () => {
    const { pool, invoke } = await startPool({ concurrency: 2 });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => invoke({ action: "wait", ms: 100 })));
    expect(new Set(results.map((result) => result.environmentId)).size).toBe(2);
    expect(results.every((result) => result.mostInFlight === 1)).toBe(true);
    expect(pool.coldStarts).toBe(2);
  });

  it("hands the handler a context with the function's memory and a deadline from its timeout", async () => {
    const { invoke } = await startPool({ timeoutMs: 8_000, memoryMb: 192 });
    const result = await invoke();
    expect(result.memory).toBe("192");
    expect(result.remainingMs).toBeGreaterThan(0);
    expect(result.remainingMs).toBeLessThanOrEqual(8_000);
  });

  it("hands the event and the result over as JSON, as Lambda does: dates as text, no functions or undefined members", async () => {
    const { pool } = await startPool();
    await expect(pool.invoke({ action: "non-json-result", skipped: undefined })).resolves.toStrictEqual({
      at: "1970-01-01T00:00:00.000Z",
      eventHasSkipped: false,
    });
  });

  it("runs callback-style handlers", async () => {
    const { pool } = await startPool({ module: callbackProbe });
    expect(await pool.invoke({ name: "callback" })).toEqual({ hello: "callback" });
  });
});

describe("failures", () => {
  it.each([
    ["awaits forever", "hang"],
    ["blocks its event loop", "spin"],
  ] as const)("fails an invocation that %s with Task timed out, and replaces its environment", async (_, action) => {
    const { pool, invoke, logged } = await startPool({ timeoutMs: 1_000 });
    const before = await invoke();
    await expect(invoke({ action })).rejects.toMatchObject({
      name: "Sandbox.Timedout",
      message: "Task timed out after 1.00 seconds",
    });
    const after = await invoke();
    expect(after.environmentId).not.toBe(before.environmentId);
    expect(after.invocations).toBe(1);
    expect(pool.coldStarts).toBe(2);
    expect(logged.some((line) => line.includes("Task timed out after 1.00 seconds"))).toBe(true);
  });

  it("fails an invocation whose result JSON cannot carry, with the error Lambda's runtime gives", async () => {
    const { invoke } = await startPool();
    await expect(invoke({ action: "bigint-result" })).rejects.toMatchObject({
      name: "Runtime.JSONStringifyError",
      message: "Unable to stringify response body",
    });
  });

  it("refuses an event past Lambda's 6 MB quota at the call, before any environment starts, as Lambda does", async () => {
    const { pool, records } = await startPool();
    await expect(pool.invoke({ padding: "x".repeat(MAX_EVENT_BYTES) })).rejects.toMatchObject({
      name: "RequestEntityTooLargeException",
      message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
    });
    expect(pool.coldStarts).toBe(0);
    expect(records).toEqual([]);
  });

  it("contains a handler that exits its process: Runtime.ExitError, and the next invocation gets a new environment", async () => {
    const { pool, invoke } = await startPool();
    const before = await invoke();
    await expect(invoke({ action: "exit" })).rejects.toMatchObject({ name: "Runtime.ExitError" });
    const after = await invoke();
    expect(after.environmentId).not.toBe(before.environmentId);
    expect(pool.size).toBe(1);
  });

  it("fails the invocation whose environment crashed on an uncaught exception", async () => {
    const { invoke } = await startPool();
    await expect(invoke({ action: "throw-later" })).rejects.toMatchObject({
      name: "Runtime.ExitError",
      message: expect.stringContaining("thrown outside the invocation"),
    });
    expect((await invoke()).invocations).toBe(1);
  });

  it("bounds an environment's heap by the function's memory: Runtime.OutOfMemory", async () => {
    const { invoke } = await startPool({ memoryMb: 64, timeoutMs: 20_000 });
    await expect(invoke({ action: "grow" })).rejects.toMatchObject({ name: "Runtime.OutOfMemory" });
    expect((await invoke()).invocations).toBe(1);
  });

  it("reports a module whose init throws as the invocation's error, and tries a new environment next time", async () => {
    const { pool, invoke, logged } = await startPool({ module: failingInit });
    await expect(invoke()).rejects.toThrow("init failed on purpose");
    await expect(invoke()).rejects.toThrow("init failed on purpose");
    expect(pool.coldStarts).toBe(2);
    expect(logged.some((line) => line.includes("init failed"))).toBe(true);
  });
});

it("reads LAMBDA_CONCURRENCY: the machine's cores (at least 2) by default, a whole number from 1 to 1000, else a clear error", () => {
  expect(configFromEnvironment({}).concurrency).toBe(Math.max(2, availableParallelism()));
  expect(configFromEnvironment({ LAMBDA_CONCURRENCY: "2" }).concurrency).toBe(2);
  for (const bad of ["0", "1.5", "abc", "1001"]) {
    expect(() => configFromEnvironment({ LAMBDA_CONCURRENCY: bad })).toThrow(/LAMBDA_CONCURRENCY/);
  }
});
