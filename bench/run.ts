// `npm run bench`: fan-out latency, throughput and cost per message of the
// local stack, against a bare `ws` broadcast server on the same load generator,
// and the handlers' durations in the worst case (which set their timeouts).
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { measureJoins, measureShardedFanOut } from "./big-rooms";
import { endStartedProcesses, type ServerChild, startServerChild } from "./children";
import { giveClientsOwnAddresses } from "./client-addresses";
import type { BenchClient } from "./clients";
import { type FilledRoom, measureCost } from "./cost";
import { DYNAMODB_DATA_DIR_VARIABLE } from "./ipc";
import { type LoadTarget, runLoad } from "./load";
import { type BenchOptions, parseOptions } from "./options";
import { dollarCost } from "./pricing-model";
import { processName } from "./proc-usage";
import { Progress } from "./progress";
import { compareWithBaseline } from "./ratios";
import type {
  BenchResult,
  CostResult,
  JoinResult,
  ShardedFanOutResult,
  TargetResult,
  WorstCaseResult,
} from "./results-types";
import { measureWorstCase } from "./worst-case";
import { writeResults } from "./write-results";

const openClients = new Set<{ terminate(): void }>();

function terminateClients() {
  for (const client of openClients) client.terminate();
  openClients.clear();
}

function processesOf(server: ServerChild): Record<string, number> {
  const processes: Record<string, number> = { [`${server.name} server (node)`]: server.pid };
  for (const pid of server.childPids) {
    if (processName(pid) === "java") processes["DynamoDB Local (java)"] = pid;
  }
  processes["load generator (node)"] = process.pid;
  return processes;
}

/** Loads one server; stops it before closing its clients (no $disconnect storm to wait for). */
async function loadServer(
  server: ServerChild,
  metered: boolean,
  options: BenchOptions,
  progress: Progress,
  afterLoad: (server: ServerChild) => Promise<void> = async () => undefined,
): Promise<TargetResult> {
  try {
    const target: LoadTarget = { server, metered, processes: processesOf(server) };
    const { result, clients } = await runLoad(target, options, progress);
    for (const client of clients as BenchClient[]) openClients.add(client);
    await afterLoad(server);
    return result;
  } finally {
    await server.stop();
    terminateClients();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const clientsOwnAddresses = await giveClientsOwnAddresses();
  const startedAt = new Date();
  const progress = new Progress();
  let peakLoadGeneratorCpu = 0;
  const cpuWatch = watchOwnCpu((percent) => (peakLoadGeneratorCpu = Math.max(peakLoadGeneratorCpu, percent)));

  let baseline: TargetResult | undefined;
  if (options.baseline) {
    progress.show("baseline: starting bare ws server");
    baseline = await loadServer(await startServerChild("baseline", "./baseline-server.ts"), false, options, progress);
  }

  progress.show("ours: starting DynamoDB Local and the stack");
  // --dynamodb-on-disk: its files in a folder of its own, as `npm start` keeps them in .data.
  const dynamoDbDataDir = options.dynamoDbOnDisk ? mkdtempSync(join(tmpdir(), "chat-bench-dynamodb-")) : undefined;
  // Removed however the bench ends, a failed run too (its server child, and so its java, has stopped by then).
  if (dynamoDbDataDir) process.once("exit", () => rmSync(dynamoDbDataDir, { recursive: true, force: true }));
  const cost: CostResult[] = [];
  let worstCase: WorstCaseResult | undefined;
  let joins: JoinResult | undefined;
  let shardedFanOut: ShardedFanOutResult | undefined;
  const ours = await loadServer(
    await startServerChild(
      "ours",
      "./server.ts",
      dynamoDbDataDir ? { [DYNAMODB_DATA_DIR_VARIABLE]: dynamoDbDataDir } : {},
    ),
    true,
    options,
    progress,
    async (server) => {
      let filled: FilledRoom | undefined;
      for (const size of options.costSizes) {
        const { result, clients, room } = await measureCost(
          server,
          size,
          options.costMessages,
          options.connectConcurrency,
          (detail) => progress.show(`cost: room of ${size}`, detail),
        );
        for (const client of clients) openClients.add(client);
        cost.push(result);
        if (size === options.worstCaseSize) filled = room;
      }
      if (options.worstCaseSize > 0) {
        const { worstCaseSize: size, worstCaseStale: stale, connectConcurrency } = options;
        const { result, clients } = await measureWorstCase(
          server,
          { size, stale, connectConcurrency },
          (detail) => progress.show(`worst case: room of ${size} + ${stale} stale`, detail),
          filled,
        );
        for (const client of clients) openClients.add(client);
        worstCase = result;
      }
      if (options.joinRoomSize > 0) {
        progress.show(`joins: ${options.joinRoomSize} clients into one room`);
        const { result, clients } = await measureJoins(server, options.joinRoomSize, options.connectConcurrency);
        for (const client of clients) openClients.add(client);
        joins = result;
      }
      if (options.shardRoomSize > 0) {
        progress.show(`sharded fan-out: a room of ${options.shardRoomSize}`);
        const { result, clients } = await measureShardedFanOut(
          server,
          options.shardRoomSize,
          options.shardMessages,
          options.connectConcurrency,
        );
        for (const client of clients) openClients.add(client);
        shardedFanOut = result;
      }
    },
  );
  clearInterval(cpuWatch);

  const result: BenchResult = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
      clientAddresses: clientsOwnAddresses ? "one per client" : "127.0.0.1",
    },
    options: { ...options },
    ours,
    ...(baseline && { baseline, ratios: compareWithBaseline(ours, baseline) }),
    cost,
    ...(cost.length && {
      dollars: dollarCost(cost, {
        connectionMinutesPerMessage: options.costConnectionMinutes,
        // Every client the bench had connected by the end of the cost step: the load's and the cost rooms'.
        benchConnections: options.rooms * options.clients + options.costSizes.reduce((sum, size) => sum + size, 0),
        scanTableConnections: options.scanTableConnections,
      }),
    }),
    ...(worstCase && { worstCase }),
    ...(joins && { joins }),
    ...(shardedFanOut && { shardedFanOut }),
    loadGenerator: { cpuPercentPeak: Math.round(peakLoadGeneratorCpu) },
  };
  progress.show("writing results");
  const files = await writeResults(result, options.outDir);
  progress.done();
  console.log(files.markdown);
  console.log(`results: ${files.paths.join(", ")}`);
  const failures =
    ours.lost +
    ours.duplicated +
    (baseline ? baseline.lost + baseline.duplicated : 0) +
    (worstCase ? worstCase.deliveries.expected - worstCase.deliveries.delivered + worstCase.deliveries.duplicated : 0) +
    (worstCase && !worstCase.staleRemoved ? 1 : 0) +
    (joins ? joins.size - joins.converged : 0) +
    (shardedFanOut ? shardedFanOut.lost + shardedFanOut.duplicated : 0);
  if (failures > 0) process.exitCode = 1;
}

/** Samples this process's CPU once a second (share of one core). */
function watchOwnCpu(onSample: (percent: number) => void) {
  let last = process.cpuUsage();
  let lastAt = performance.now();
  return setInterval(() => {
    const usage = process.cpuUsage(last);
    const now = performance.now();
    onSample((100 * (usage.user + usage.system)) / 1000 / (now - lastAt));
    last = process.cpuUsage();
    lastAt = now;
  }, 1000).unref();
}

async function shutDown(signal: NodeJS.Signals) {
  process.stdout.write(`\n${signal}: stopping the bench's processes…\n`);
  terminateClients();
  await endStartedProcesses();
  process.exit(130);
}
process.on("SIGINT", (signal) => void shutDown(signal));
process.on("SIGTERM", (signal) => void shutDown(signal));

main()
  .catch((error) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    terminateClients();
    await endStartedProcesses();
  });
