// Times every handler invocation in the bench's server child, from the call
// to the returned promise settling, without touching packages/local: a module
// hook hands the runtime a wrapper in place of each handler module it imports
// (`@chat/functions/<kind>/<file>`, as loadHandlers imports them), and the
// wrapper's `handler` times the real one. Install before startStack.
import { registerHooks } from "node:module";
import { type Invocation, wallClock } from "./ipc";

const WRAPPER = "file:///bench-timed-handler.mjs";
const HANDLER_MODULE = /^@chat\/functions\/(ws|http)\/([\w-]+)$/;
const SINK = Symbol.for("chat.bench.handlerTimer");

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
type Wrap = (name: string, handler: Handler) => Handler;

// Keeps at most this many invocations between two resets.
const LIMIT = 100_000;

export class HandlerTimer {
  private done: Invocation[] = [];
  private running = 0;
  /** Handler modules the hook wrapped (kind-file), to tell a hook that never matched. */
  readonly wrapped: string[] = [];

  install() {
    const wrap: Wrap = (name, handler) => {
      this.wrapped.push(name);
      return async (event, context) => {
        const start = wallClock();
        this.running++;
        let ok = true;
        try {
          return await handler(event, context);
        } catch (error) {
          ok = false;
          throw error;
        } finally {
          this.running--;
          if (this.done.length < LIMIT) this.done.push({ name, start, end: wallClock(), ok });
        }
      };
    };
    (globalThis as Record<symbol, unknown>)[SINK] = wrap;
    registerHooks({
      resolve(specifier, context, nextResolve) {
        const resolved = nextResolve(specifier, context);
        const found = HANDLER_MODULE.exec(specifier);
        if (!found) return resolved;
        const query = new URLSearchParams({ name: `${found[1]}-${found[2]}`, target: resolved.url });
        return { url: `${WRAPPER}?${query}`, format: "module", shortCircuit: true };
      },
      load(url, context, nextLoad) {
        if (!url.startsWith(`${WRAPPER}?`)) return nextLoad(url, context);
        const query = new URL(url).searchParams;
        const target = JSON.stringify(query.get("target"));
        const source = [
          `import * as real from ${target};`,
          `export * from ${target};`,
          `const wrap = globalThis[Symbol.for(${JSON.stringify(SINK.description)})];`,
          `export const handler = wrap(${JSON.stringify(query.get("name"))}, real.handler);`,
        ].join("\n");
        return { format: "module", source, shortCircuit: true };
      },
    });
  }

  reset() {
    this.done = [];
  }

  /** Invocations that returned (or threw) since the last reset, and how many are still running. */
  report() {
    return { invocations: this.done, running: this.running, wrapped: this.wrapped };
  }
}
