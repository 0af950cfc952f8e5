import { type MessagePort, Worker } from "node:worker_threads";
import { deferred } from "./deferred";
import { eventAsJson, TaskTimedOut } from "./invocation";
import { deserializeError, type FromWorker, type ToWorker, type WorkerConfig } from "./lambda-protocol";

// Lambda's execution model for one function: execution environments (here
// worker threads, so the machine's cores share the work) that each serve one
// invocation at a time, each with its own module state, started on demand (a
// cold start, logged) up to a concurrency limit, reused while warm, and ended
// when an invocation outlives the function's timeout, when the function's code
// crashes its environment, or after a while idle.

/** One invocation, as the emulators and the bench see it. */
export interface InvocationRecord {
  functionName: string;
  /** performance.timeOrigin-based wall clock, ms: when the event reached a ready environment (after its init). */
  start: number;
  end: number;
  ok: boolean;
  /** The init this invocation waited for, if it started an environment. */
  coldStartMs?: number;
}

export interface PoolOptions {
  function: WorkerConfig;
  /** The function's environment bundle (environment-bundle.ts). */
  bundle: URL;
  /** NODE_COMPILE_CACHE for its environments, unless this process sets one. */
  compileCacheDir?: string;
  /** A new port to the WebSocket emulator's @connections, for each environment (management-port.ts). */
  openManagementPort?: () => MessagePort;
  /** Most environments at once; past it, invocations wait for one to free up. */
  concurrency: number;
  /** An environment idle this long is ended (Lambda reclaims them after minutes). */
  idleMs?: number;
  /** Where cold starts and ended environments are reported (default console.log). */
  log?: (line: string) => void;
  /** Called as an invocation arrives (it may wait for an environment), then as it ends. */
  onInvocationStart?: (functionName: string) => void;
  onInvocation?: (record: InvocationRecord) => void;
}

const DEFAULT_IDLE_MS = 10 * 60_000;
/** The clock of InvocationRecord: performance.timeOrigin-based wall time, ms. */
export const wallClock = () => performance.timeOrigin + performance.now();

interface Environment {
  worker: Worker;
  ready: Promise<number>;
  /** Invocations it took so far: the first waits for its init (a cold start). */
  invocations: number;
  idleTimer?: NodeJS.Timeout;
  /** Settles the invocation it serves, if any. */
  current?: { id: number; settle: (error: Error | undefined, value?: unknown) => void };
}

interface Waiting {
  eventJson: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class FunctionPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private readonly queue: Waiting[] = [];
  private nextId = 1;
  private stopped = false;
  /** Environments started so far (each a cold start). */
  coldStarts = 0;

  constructor(private readonly options: PoolOptions) {}

  get name() {
    return this.options.function.functionName;
  }

  /** Environments alive now, busy or idle. */
  get size() {
    return this.all.size;
  }

  invoke(event: unknown): Promise<unknown> {
    if (this.stopped) return Promise.reject(new Error(`${this.name} is stopped`));
    let eventJson: string;
    try {
      // Lambda refuses an event past its quota at the call, before any environment sees it.
      eventJson = eventAsJson(event);
    } catch (error) {
      return Promise.reject(error);
    }
    this.options.onInvocationStart?.(this.name);
    return new Promise((resolve, reject) => {
      this.queue.push({ eventJson, resolve, reject });
      this.dispatch();
    });
  }

  async stop() {
    this.stopped = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error(`${this.name} is stopped`));
    await Promise.all([...this.all].map((environment) => this.end(environment)));
  }

  private dispatch() {
    while (this.queue.length > 0) {
      // The most recently used environment first, as Lambda reuses warm ones.
      const environment = this.idle.pop() ?? (this.all.size < this.options.concurrency ? this.start() : undefined);
      if (!environment) return;
      this.run(environment, this.queue.shift()!);
    }
  }

  private start(): Environment {
    const managementPort = this.options.openManagementPort?.();
    const config: WorkerConfig = { ...this.options.function, managementPort };
    const worker = new Worker(this.options.bundle, {
      workerData: config,
      transferList: managementPort ? [managementPort] : [],
      // Stack traces point into the sources, not the bundle.
      execArgv: ["--enable-source-maps", ...profilerFlags()],
      env: {
        // A cold start compiles the SDK and core again in each new thread; with the cache,
        // V8 reuses the code an earlier environment (of this or an earlier start) compiled.
        ...(this.options.compileCacheDir && { NODE_COMPILE_CACHE: this.options.compileCacheDir }),
        ...process.env,
        ...config.environment,
        AWS_LAMBDA_FUNCTION_NAME: config.functionName,
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
      },
      // The function's memory setting bounds its heap, as it bounds a Lambda environment.
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb },
      name: config.functionName,
    });
    this.coldStarts++;
    const ready = deferred<number>();
    ready.promise.catch(() => undefined);
    const environment: Environment = { worker, invocations: 0, ready: ready.promise };
    this.all.add(environment);
    worker.on("message", (message: FromWorker) => {
      switch (message.type) {
        case "ready":
          return ready.resolve(message.initMs);
        case "init-failed":
          return ready.reject(deserializeError(message.error));
        case "result":
          if (environment.current?.id !== message.id) return;
          if (message.ok) environment.current.settle(undefined, JSON.parse(message.resultJson));
          else environment.current.settle(deserializeError(message.error));
      }
    });
    const crashed = (error: Error) => {
      if (!this.all.has(environment)) return;
      this.forget(environment);
      environment.current?.settle(error);
      this.dispatch();
    };
    worker.on("error", (error) => crashed(runtimeError(error)));
    worker.on("exit", (code) => crashed(exitError(code)));
    return environment;
  }

  private run(environment: Environment, waiting: Waiting) {
    clearTimeout(environment.idleTimer);
    const { timeoutMs } = this.options.function;
    // As Lambda bills and times it: from the event's hand-over, after any init.
    let start = wallClock();
    let coldStartMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const id = this.nextId++;
    environment.current = {
      id,
      settle: (error, value) => {
        if (environment.current?.id !== id) return;
        environment.current = undefined;
        clearTimeout(timer);
        this.options.onInvocation?.({ functionName: this.name, start, end: wallClock(), ok: !error, coldStartMs });
        if (error) waiting.reject(error);
        else waiting.resolve(value);
        if (this.all.has(environment)) this.release(environment);
      },
    };
    const wasWarm = environment.invocations++ > 0;
    environment.ready.then(
      (initMs) => {
        if (environment.current?.id !== id) return;
        if (!wasWarm) {
          coldStartMs = initMs;
          this.log(`${this.name}: cold start, init ${Math.round(initMs)} ms (${this.all.size} environments)`);
        }
        start = wallClock();
        timer = setTimeout(() => {
          this.log(`${this.name}: ${new TaskTimedOut(timeoutMs).message}; its environment is replaced`);
          this.forget(environment);
          environment.current?.settle(new TaskTimedOut(timeoutMs));
          void environment.worker.terminate();
          this.dispatch();
        }, timeoutMs);
        const message: ToWorker = {
          type: "invoke",
          id,
          eventJson: waiting.eventJson,
          deadline: Date.now() + timeoutMs,
        };
        environment.worker.postMessage(message);
      },
      (error: Error) => {
        this.log(`${this.name}: init failed: ${error.stack ?? error.message}`);
        this.forget(environment);
        void environment.worker.terminate();
        environment.current?.settle(error);
        this.dispatch();
      },
    );
  }

  private release(environment: Environment) {
    this.idle.push(environment);
    environment.idleTimer = setTimeout(() => void this.end(environment), this.options.idleMs ?? DEFAULT_IDLE_MS);
    environment.idleTimer.unref();
    this.dispatch();
  }

  private forget(environment: Environment) {
    this.all.delete(environment);
    clearTimeout(environment.idleTimer);
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
  }

  private async end(environment: Environment) {
    this.forget(environment);
    await environment.worker.terminate();
  }

  private log(line: string) {
    (this.options.log ?? console.log)(`[lambda] ${line}`);
  }
}

/** With LAMBDA_CPU_PROF_DIR set, each environment writes a V8 CPU profile there when it ends. */
function profilerFlags(): string[] {
  const dir = process.env.LAMBDA_CPU_PROF_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** A worker's uncaught error, named as Lambda reports a crashed or exhausted runtime. */
function runtimeError(error: Error): Error {
  const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
  const crashed = new Error(
    outOfMemory ? "Runtime exited: the function ran out of memory" : `Runtime exited with error: ${error.message}`,
  );
  crashed.name = outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
  crashed.stack = error.stack;
  return crashed;
}

function exitError(code: number): Error {
  const exited = new Error(`Runtime exited with error: exit status ${code}`);
  exited.name = "Runtime.ExitError";
  return exited;
}
