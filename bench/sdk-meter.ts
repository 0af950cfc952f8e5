import { interceptManagementCalls } from "@chat/core/management-transport";
import type { MiddlewareStack } from "@smithy/types";
import { type MeterReport, type SdkCall, wallClock } from "./ipc";
import { websocketMessageUnits } from "./pricing";

// Keeps at most this many calls for "trace"; counts never stop.
const TRACE_LIMIT = 50_000;

// The DynamoDB client: the meter reads only what every command has (its name,
// its timing) and DynamoDB's ConsumedCapacity.
// biome-ignore lint/suspicious/noExplicitAny: the stack's input and output types differ per command
type DynamoClient = { middlewareStack: MiddlewareStack<any, any> };

/**
 * Counts and times every request core's AWS clients send, per command. On
 * DynamoDB, from client middleware: the outer one spans the whole call
 * (marshalling, signing, retries), the inner one only the HTTP exchange; while
 * `askCapacity`, it also asks for ReturnConsumedCapacity (TOTAL) where the caller did not,
 * records the units, and takes them out of the output again, so the code under
 * test sees the response it asked for. On the management API, at its
 * transport (posts do not pass the client's middleware: core/connection-post.ts):
 * each attempt's exchange, signed, with a post's data size.
 */
export class SdkMeter {
  private calls: SdkCall[] = [];
  private droppedCalls = 0;
  private counts: Record<string, number> = {};
  private errors: Record<string, number> = {};
  private totalMs: Record<string, number> = {};
  private capacityUnits: Record<string, number> = {};
  private capacityUnreported: Record<string, number> = {};
  private payloadBytes: Record<string, number> = {};
  private payloadUnits: Record<string, number> = {};

  /** Whether DynamoDB calls ask for ConsumedCapacity (worker-meter-channel.ts says when). */
  askCapacity = true;

  /** `onRecord` is told of each call as it is recorded. */
  constructor(private readonly onRecord: () => void = () => undefined) {}

  installDynamo(client: DynamoClient) {
    const label = "dynamodb";
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
        const input = (args as { input?: Record<string, unknown> }).input ?? {};
        const askCapacity = this.askCapacity && input.ReturnConsumedCapacity === undefined;
        const extra: Pick<SdkCall, "capacityUnits"> = {};
        try {
          const sent = askCapacity ? { ...args, input: { ...input, ReturnConsumedCapacity: "TOTAL" } } : args;
          const result = await next({ ...sent, [wire]: timer } as typeof args);
          const output = (result as { output?: Record<string, unknown> }).output;
          const units = consumedUnits(output?.ConsumedCapacity);
          if (units !== undefined) extra.capacityUnits = units;
          if (!askCapacity || !output) return result;
          const { ConsumedCapacity: _, ...asked } = output;
          return { ...result, output: asked } as typeof result;
        } catch (error) {
          ok = false;
          throw error;
        } finally {
          const end = wallClock();
          this.record({ client: label, command, start, end, wireMs: timer.ms, ok, ...extra }, key);
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

  installManagement(client: Parameters<typeof interceptManagementCalls>[0]) {
    interceptManagementCalls(client, async ({ command, request }, send) => {
      const start = wallClock();
      let ok = false;
      try {
        const response = await send();
        ok = response.statusCode < 300;
        return response;
      } finally {
        const end = wallClock();
        const name = `${command}Command`;
        const payloadBytes = command === "PostToConnection" ? byteLength(request.body) : undefined;
        const call = { client: "management" as const, command: name, start, end, wireMs: end - start, ok };
        this.record(payloadBytes === undefined ? call : { ...call, payloadBytes }, `management:${name}`);
      }
    });
  }

  /** Records a call another thread's meter measured (worker-meter.ts relays them). */
  recordRelayed(call: SdkCall) {
    this.record(call, `${call.client}:${call.command}`);
  }

  private record(call: SdkCall, key: string) {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.totalMs[key] = (this.totalMs[key] ?? 0) + (call.end - call.start);
    if (!call.ok) this.errors[key] = (this.errors[key] ?? 0) + 1;
    // Derived from the call's own fields only, so relayed calls aggregate the same.
    if (call.client === "dynamodb") {
      if (call.capacityUnits === undefined) add(this.capacityUnreported, key, 1);
      else add(this.capacityUnits, key, call.capacityUnits);
    }
    if (call.payloadBytes !== undefined) {
      add(this.payloadBytes, key, call.payloadBytes);
      add(this.payloadUnits, key, websocketMessageUnits(call.payloadBytes));
    }
    if (this.calls.length < TRACE_LIMIT) this.calls.push(call);
    else this.droppedCalls++;
    this.onRecord();
  }

  /** The calls recorded since the last take, with the meter reset. */
  takeCalls(): SdkCall[] {
    const { calls } = this;
    this.reset();
    return calls;
  }

  reset() {
    this.calls = [];
    this.droppedCalls = 0;
    this.counts = {};
    this.errors = {};
    this.totalMs = {};
    this.capacityUnits = {};
    this.capacityUnreported = {};
    this.payloadBytes = {};
    this.payloadUnits = {};
  }

  report(withCalls: boolean): MeterReport {
    return {
      ...(withCalls && { calls: this.calls }),
      droppedCalls: this.droppedCalls,
      counts: this.counts,
      errors: this.errors,
      totalMs: this.totalMs,
      capacityUnits: this.capacityUnits,
      capacityUnreported: this.capacityUnreported,
      payloadBytes: this.payloadBytes,
      payloadUnits: this.payloadUnits,
    };
  }
}

const add = (totals: Record<string, number>, key: string, value: number) => {
  totals[key] = (totals[key] ?? 0) + value;
};

/** Capacity units of a ConsumedCapacity (one table's, or a list for batches and transactions). */
function consumedUnits(consumed: unknown): number | undefined {
  const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  const units = entries
    .map((entry) => (entry as { CapacityUnits?: number }).CapacityUnits)
    .filter((value): value is number => typeof value === "number");
  return units.length ? units.reduce((sum, value) => sum + value, 0) : undefined;
}

/** Size of a post's Data: bytes, or a string's UTF-8 length. */
function byteLength(data: unknown): number | undefined {
  if (typeof data === "string") return Buffer.byteLength(data);
  if (data instanceof Uint8Array) return data.byteLength;
  return undefined;
}
