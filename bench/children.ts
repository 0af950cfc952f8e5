import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ReadyMessage, Reply, RequestKind } from "./ipc";

const STOP_GRACE_MS = 3000;

/** Every process the bench started, so that it can end them by PID whatever happens. */
const started = new Set<number>();

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Ends the processes the bench started: SIGTERM, then SIGKILL for those still alive. */
export async function endStartedProcesses() {
  const pids = [...started];
  for (const pid of pids) if (isAlive(pid)) process.kill(pid, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  for (const pid of pids) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  started.clear();
}

export interface ServerChild {
  name: string;
  pid: number;
  /** The child's own children (DynamoDB Local's java), for CPU/memory. */
  childPids: number[];
  apiUrl: string;
  wsUrl: string;
  output(): string;
  /** Asks the child; rejects when it answers `{ error }`. */
  request<T>(kind: RequestKind, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts a bench/*.ts file as a Node child with an IPC channel (one process:
 * `node --import tsx`, so its PID is the one that does the work) and waits
 * until it says it is ready.
 */
export async function startServerChild(name: string, file: string, timeoutMs = 90_000): Promise<ServerChild> {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env },
  });
  started.add(child.pid!);
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${output}`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    });
    child.on("message", (message: ReadyMessage | Reply) => {
      if (message.kind !== "ready") return;
      clearTimeout(timer);
      resolve(message);
    });
  });
  for (const pid of ready.childPids) started.add(pid);

  let nextId = 1;
  const waiting = new Map<number, (body: unknown) => void>();
  child.on("message", (message: ReadyMessage | Reply) => {
    if (message.kind === "reply") waiting.get(message.id)?.(message.body);
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  return {
    name,
    pid: child.pid!,
    childPids: ready.childPids,
    apiUrl: ready.apiUrl,
    wsUrl: ready.wsUrl,
    output: () => output,
    request<T>(kind: RequestKind, args?: unknown) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        if (!child.connected) return reject(new Error(`${name} is not running:\n${output}`));
        waiting.set(id, (body) => {
          waiting.delete(id);
          const failed = (body as { error?: unknown } | undefined)?.error;
          if (typeof failed === "string") reject(new Error(`${name} could not answer ${kind}: ${failed}`));
          else resolve(body as T);
        });
        child.send({ id, kind, args });
      });
    },
    async stop() {
      if (child.exitCode === null && child.connected) child.send({ id: 0, kind: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS * 3);
      await exited;
      clearTimeout(timer);
      for (const pid of [child.pid!, ...ready.childPids]) {
        if (isAlive(pid)) process.kill(pid, "SIGKILL");
        started.delete(pid);
      }
    },
  };
}
