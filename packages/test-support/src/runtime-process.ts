import { spawn } from "node:child_process";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "../../..");

/**
 * Every test client connects from 127.0.0.1: per-address flood limits high
 * enough for a test suite, unless a test sets its own.
 */
export const TEST_ADDRESS_LIMITS = { CONNECT_LIMIT_PER_ADDRESS: "100000", ROOM_LIMIT_PER_ADDRESS: "100000" };

export interface RuntimeProcess {
  /** The process started (with `node` as the command: the runtime itself). */
  pid: number;
  output(): string;
  /** Resolves once it has exited and everything it printed was read. */
  exited: Promise<number | null>;
  /** SIGTERM to the process started, then its exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** Why launchRuntime rejected: the runtime exited before it was ready, having printed `output`. */
export class RuntimeExitedEarly extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`runtime exited with ${code} before it was ready:\n${output}`);
  }
}

/**
 * Starts the local runtime as its own process (a command run from the
 * repository root, e.g. `npm start`) and resolves once it prints that it is
 * ready; rejects with its output if it exits first.
 */
export async function launchRuntime(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<RuntimeProcess> {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...TEST_ADDRESS_LIMITS, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // "close", not "exit": by then everything it printed has been read.
  const exited = new Promise<number | null>((done) => child.once("close", (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("chat is ready")) ready();
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    void exited.then((code) => fail(new RuntimeExitedEarly(code, output)));
  });
  return {
    pid: child.pid!,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/**
 * `npm start`'s entry point, run from its TypeScript by this Node, without the site (NO_WEB=1)
 * or DynamoDB Local's warm-up (restart.test.ts runs `npm start` with it).
 */
export const launchApis = (env: Record<string, string>) =>
  launchRuntime(process.execPath, ["--import", "tsx", "packages/local/src/main.ts"], {
    NO_WEB: "1",
    NO_DYNAMODB_WARM_UP: "1",
    ...env,
  });

/**
 * For a start that must fail: how the runtime exited and what it printed. One that started
 * after all is stopped, and the test fails.
 */
export async function failedStart(start: Promise<RuntimeProcess>): Promise<RuntimeExitedEarly> {
  let runtime: RuntimeProcess;
  try {
    runtime = await start;
  } catch (error) {
    if (error instanceof RuntimeExitedEarly) return error;
    throw error;
  }
  await runtime.stop();
  throw new Error("the runtime started");
}
