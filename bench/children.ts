import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ownChild, stopOwnedChildren } from "@chat/local/child-process";
import type { ReadyMessage, Reply, RequestKind } from "./ipc";

const STOP_GRACE_MS = 9_000;

/**
 * Ends every server child the bench started and still runs (SIGTERM, then
 * SIGKILL), with what they started themselves. The local runtime's child
 * manager (packages/local/src/child-process.ts) owns them: they are also
 * ended at the bench's exit and, should it be killed, by a watchdog.
 */
export const endStartedProcesses = () => stopOwnedChildren(STOP_GRACE_MS);

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
  /** SIGTERM (the child stops what it started and exits), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/**
 * Starts a bench/*.ts file as a Node child with an IPC channel (one process:
 * `node --import tsx`, so its PID is the one that does the work) and waits
 * until it says it is ready. `env` is added to this process's environment for it.
 */
export async function startServerChild(
  name: string,
  file: string,
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<ServerChild> {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, ...env },
  });
  const owned = ownChild(child, { name: `bench ${name} server` });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);

  let ready: ReadyMessage;
  try {
    ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${output}`)), timeoutMs);
      void owned.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
      });
      child.on("message", (message: ReadyMessage | Reply) => {
        if (message.kind !== "ready") return;
        clearTimeout(timer);
        resolve(message);
      });
    });
  } catch (error) {
    await owned.stop(STOP_GRACE_MS);
    throw error;
  }
  // DynamoDB Local's java runs in a process group of its own: ended by PID with the child.
  owned.alsoEnd(ready.childPids);

  let nextId = 1;
  const waiting = new Map<number, (body: unknown) => void>();
  child.on("message", (message: ReadyMessage | Reply) => {
    if (message.kind === "reply") waiting.get(message.id)?.(message.body);
  });

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
    stop: () => owned.stop(STOP_GRACE_MS),
  };
}
