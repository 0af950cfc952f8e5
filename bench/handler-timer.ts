// Times every handler invocation in the bench's server child: the local
// runtime reports each one's start and end (FunctionRuntime's hooks).
import type { InvocationRecord } from "@chat/local/lambda-pool";
import type { Invocation, InvocationReport } from "./ipc";

// Keeps at most this many invocations between two resets.
const LIMIT = 100_000;

export class HandlerTimer {
  private done: Invocation[] = [];
  private running = 0;

  /** @param timed the functions whose invocations the runtime reports */
  constructor(private readonly timed: string[]) {}

  started() {
    this.running++;
  }

  ended({ functionName, start, end, ok }: InvocationRecord) {
    this.running--;
    if (this.done.length < LIMIT) this.done.push({ name: functionName, start, end, ok });
  }

  reset() {
    this.done = [];
  }

  /** Invocations that returned (or threw) since the last reset, and how many are still running. */
  report(): InvocationReport {
    return { invocations: this.done, running: this.running, wrapped: this.timed };
  }
}
