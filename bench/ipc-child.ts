import type { ReadyMessage, Reply, Request, RequestKind } from "./ipc";

/**
 * The child's side of the IPC channel: announces readiness and answers the
 * parent's requests. A child whose parent goes away exits, so no server is
 * left behind by a parent that was killed.
 */
export function serveParent(
  ready: Omit<ReadyMessage, "kind">,
  answer: (kind: RequestKind, args?: unknown) => Promise<unknown> | unknown,
) {
  if (!process.send) throw new Error("start this file through bench/run.ts (it needs an IPC channel)");
  process.on("message", async (request: Request) => {
    let body: unknown;
    try {
      body = await answer(request.kind, request.args);
    } catch (error) {
      body = { error: error instanceof Error ? error.message : String(error) };
    }
    const reply: Reply = { kind: "reply", id: request.id, body };
    process.send?.(reply);
  });
  process.on("disconnect", () => void Promise.resolve(answer("stop")).finally(() => process.exit(0)));
  process.send({ kind: "ready", ...ready } satisfies ReadyMessage);
}
