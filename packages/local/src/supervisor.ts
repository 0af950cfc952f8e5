import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { LOCAL_REGION, localCredentials } from "./aws-env";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";
import { ensureTable } from "./table";

// Health probe: a ListTables every PROBE_INTERVAL_MS; a java that is alive but
// has not answered PROBE_FAILURES probes in a row is stopped, so it restarts.
const PROBE_INTERVAL_MS = 5_000;
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_FAILURES = 3;
// Deaths within this window count towards the back-off before a restart.
const CRASH_WINDOW_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

export interface SupervisorOptions {
  port: number;
  /** DynamoDB Local's files; undefined: in memory, so a restart starts empty. */
  dataDir?: string;
  tableName: string;
  /**
   * Runs once DynamoDB Local answers again and the table exists; puts the
   * runtime's state right and returns what it did, for the log line.
   */
  afterRestart(info: { dataLost: boolean; restartedAt: number }): Promise<string>;
  log?: (line: string) => void;
  /** The health probe's period and each probe's time limit (default PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS). */
  probe?: { intervalMs: number; timeoutMs: number };
}

export interface SupervisedDynamoDb {
  endpoint: string;
  /** The java process running now. */
  pid(): number;
  /** Resolves once DynamoDB Local answers again after its latest restart (at once when up). */
  recovered(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/**
 * Starts DynamoDB Local and keeps it running: when its java exits (or stops
 * answering the health probe) it says so in one line, starts it again on the
 * same port and data directory, waits until it answers, recreates the table if
 * needed, and then lets the runtime reconcile (`afterRestart`).
 */
export async function superviseDynamoDbLocal(options: SupervisorOptions): Promise<SupervisedDynamoDb> {
  const log = options.log ?? ((line: string) => console.log(line));
  let current: DynamoDbLocal = await startDynamoDbLocal({ port: options.port, dataDir: options.dataDir });
  const endpoint = current.endpoint;
  let stopping = false;
  let recovery: Promise<void> | undefined;
  const deaths: number[] = [];

  const describe = ({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }) =>
    signal ? `killed by ${signal}` : `exit code ${code}`;

  function watch(dynamo: DynamoDbLocal) {
    void dynamo.ended.then((end) => {
      if (stopping || dynamo !== current) return;
      const run: Promise<void> = recover(dynamo, end).finally(() => {
        if (recovery === run) recovery = undefined;
      });
      recovery = run;
    });
  }

  async function recover(dead: DynamoDbLocal, end: { code: number | null; signal: NodeJS.Signals | null }) {
    const diedAt = Date.now();
    deaths.push(diedAt);
    while (deaths[0]! < diedAt - CRASH_WINDOW_MS) deaths.shift();
    log(
      `DynamoDB Local died (pid ${dead.pid}, ${describe(end)}); restarting it on port ${options.port} ` +
        (options.dataDir ? `with its data in ${options.dataDir}` : "in memory: every room and message it held is lost"),
    );
    // The first death restarts at once; a crash loop backs off 1 s, 2 s, 4 s... up to 30 s.
    let delay = deaths.length <= 1 ? 0 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (deaths.length - 2));
    for (let attempt = 1; ; attempt++) {
      await sleep(delay);
      if (stopping) return;
      try {
        const next = await startDynamoDbLocal({ port: options.port, dataDir: options.dataDir });
        if (stopping) return await next.stop();
        current = next;
        break;
      } catch (error) {
        delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        log(
          `DynamoDB Local did not start again (attempt ${attempt}: ${firstLine(error)}); next try in ${delay / 1000} s`,
        );
      }
    }
    const restartedAt = Date.now();
    try {
      await ensureTable(endpoint, options.tableName);
      const done = await options.afterRestart({ dataLost: !options.dataDir, restartedAt });
      log(
        `DynamoDB Local is back (pid ${current.pid}, ${((Date.now() - diedAt) / 1000).toFixed(1)} s after it died)` +
          (done ? `; ${done}` : ""),
      );
    } catch (error) {
      log(`DynamoDB Local is back (pid ${current.pid}) but putting the runtime right failed: ${firstLine(error)}`);
    }
    // Watched only now: a death during the reconciliation above starts a new recovery after this one.
    watch(current);
  }

  // The probe: catches a java that is alive but hangs (it never exits, so `ended` never fires).
  const probeClient = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  let failures = 0;
  let probing = false;
  /** A hung java being stopped: it may take 10 s to end, and is not probed meanwhile. */
  let stoppingHung: Promise<void> | undefined;
  const probe = setInterval(async () => {
    if (probing || recovery || stopping || stoppingHung) return;
    probing = true;
    const probed = current;
    try {
      await probeClient.send(new ListTablesCommand({ Limit: 1 }), {
        abortSignal: AbortSignal.timeout(options.probe?.timeoutMs ?? PROBE_TIMEOUT_MS),
      });
      failures = 0;
    } catch {
      if (probed === current && !recovery && !stopping && ++failures >= PROBE_FAILURES) {
        failures = 0;
        log(
          `DynamoDB Local (pid ${probed.pid}) has not answered ${PROBE_FAILURES} health checks in a row; stopping it so it restarts`,
        );
        // SIGTERM first (SIGKILL only if it does not end): see DynamoDbLocal.stop.
        stoppingHung = probed.stop().finally(() => {
          stoppingHung = undefined;
        });
      }
    } finally {
      probing = false;
    }
  }, options.probe?.intervalMs ?? PROBE_INTERVAL_MS);
  probe.unref();

  watch(current);
  return {
    endpoint,
    pid: () => current.pid,
    async recovered() {
      while (recovery) await recovery;
    },
    async stop() {
      stopping = true;
      clearInterval(probe);
      await recovery?.catch(() => undefined);
      await current.stop();
      probeClient.destroy();
    },
  };
}
