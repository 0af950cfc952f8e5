import type { MiddlewareStack } from "@smithy/types";
import { type MeterReport, type SdkCall, wallClock } from "./ipc";

// Keeps at most this many calls for "trace"; counts never stop.
const TRACE_LIMIT = 50_000;

// Any SDK client: the meter reads only what every command has (its name, its timing).
// biome-ignore lint/suspicious/noExplicitAny: the stack's input and output types differ per client
type AnyClient = { middlewareStack: MiddlewareStack<any, any> };

/**
 * Counts and times every request an AWS SDK client sends, per command, from
 * client middleware: the outer one spans the whole call (marshalling, signing,
 * retries), the inner one only the HTTP exchange.
 */
export class SdkMeter {
  private calls: SdkCall[] = [];
  private droppedCalls = 0;
  private counts: Record<string, number> = {};
  private errors: Record<string, number> = {};
  private totalMs: Record<string, number> = {};

  install(client: AnyClient, label: SdkCall["client"]) {
    // Each call carries its own timer through the steps' arguments: the
    // context may be shared between calls (a client that caches its
    // middleware), and the input may be replaced (lib-dynamodb marshals it).
    const wire = Symbol("benchMeterWire");
    type Timed = { [wire]?: { ms: number } };
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? "unknown";
        const key = `${label}:${command}`;
        const start = wallClock();
        const timer = { ms: 0 };
        let ok = true;
        try {
          return await next({ ...args, [wire]: timer } as typeof args);
        } catch (error) {
          ok = false;
          throw error;
        } finally {
          const end = wallClock();
          this.record({ client: label, command, start, end, wireMs: timer.ms, ok }, key);
        }
      },
      { step: "initialize", priority: "high", name: `benchMeterCall-${label}` },
    );
    client.middlewareStack.add(
      (next) => async (args) => {
        const start = wallClock();
        try {
          return await next(args);
        } finally {
          const timer = (args as Timed)[wire];
          if (timer) timer.ms += wallClock() - start;
        }
      },
      { step: "deserialize", priority: "low", name: `benchMeterWire-${label}` },
    );
  }

  private record(call: SdkCall, key: string) {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.totalMs[key] = (this.totalMs[key] ?? 0) + (call.end - call.start);
    if (!call.ok) this.errors[key] = (this.errors[key] ?? 0) + 1;
    if (this.calls.length < TRACE_LIMIT) this.calls.push(call);
    else this.droppedCalls++;
  }

  reset() {
    this.calls = [];
    this.droppedCalls = 0;
    this.counts = {};
    this.errors = {};
    this.totalMs = {};
  }

  report(withCalls: boolean): MeterReport {
    return {
      ...(withCalls && { calls: this.calls }),
      droppedCalls: this.droppedCalls,
      counts: this.counts,
      errors: this.errors,
      totalMs: this.totalMs,
    };
  }
}
