// The child process that runs the SST program under Pulumi's mocks. Bundled by
// synthesize.ts into harness.mjs together with sst.config.ts (for its app()
// only: that copy never loads infra/) and run with `node`; it gets its job as
// JSON in DEPLOY_PLAN_JOB and writes the recorded plan to job.planFile.
//
// It runs in its own process because the SST program sets process-wide state:
// globals ($app), the working directory (src/auto/run.ts chdirs to the root),
// Pulumi's runtime settings and the patched fs of site-fixture.ts.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { accountId, type PulumiMocks, RecordingMocks, region } from "./mocks.ts";
import type { DeployPlan } from "./plan.ts";
import { RpcStub } from "./rpc-stub.ts";
import { serveSiteBuildFromFixture } from "./site-fixture.ts";

export interface HarnessJob {
  stage: string;
  projectRoot: string;
  /** The bundle of SST's own entry (src/auto/run.ts + sst.config.ts), built as the sst binary builds it. */
  programFile: string;
  /** @pulumi/pulumi inside .sst/platform: the copy the SST program imports. */
  pulumiEntry: string;
  artifactsDir: string;
  fixtureDir: string;
  planFile: string;
}

/** What sst.config.ts's app() returns (the fields SST copies into $app). */
interface AppConfig {
  name: string;
  removal?: "remove" | "retain" | "retain-all";
  protect?: boolean;
  home: string;
  providers?: Record<string, unknown>;
}
export interface SstConfig {
  app(input: { stage: string }): AppConfig | Promise<AppConfig>;
}

/** The parts of @pulumi/pulumi's runtime used here. */
interface PulumiRuntime {
  setMocks(mocks: PulumiMocks, project: string, stack: string, preview: boolean): Promise<void>;
  registerStackTransformation(
    transformation: (args: {
      type: string;
      name: string;
      opts: { retainOnDelete?: boolean; protect?: boolean };
    }) => undefined,
  ): void;
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
  disconnect(): Promise<void>;
}

export async function runHarness(config: SstConfig) {
  const job = JSON.parse(process.env.DEPLOY_PLAN_JOB ?? "") as HarnessJob;
  const errors: string[] = [];
  const remember = (error: unknown) => {
    errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  };
  process.on("unhandledRejection", remember);
  process.on("uncaughtException", remember);

  const site = serveSiteBuildFromFixture(job.projectRoot, job.fixtureDir);
  const rpc = new RpcStub({ projectRoot: job.projectRoot, artifactsDir: job.artifactsDir, region, accountId });
  process.env.SST_SERVER = await rpc.listen();

  // The sst binary evaluates app() first and hands the result to the program as $app.
  const app = await config.app({ stage: job.stage });
  Object.assign(globalThis, {
    $app: {
      name: app.name,
      stage: job.stage,
      removal: app.removal ?? "retain",
      protect: app.protect ?? false,
      home: app.home,
      providers: app.providers ?? { aws: {} },
    },
  });

  const mocks = new RecordingMocks();
  const { runtime } = (await import(pathToFileURL(job.pulumiEntry).href)) as { runtime: PulumiRuntime };
  await runtime.setMocks(mocks, app.name, job.stage, false);
  const optionsSeen = new Map<string, { retainOnDelete?: boolean; protect?: boolean }>();
  let outputs: unknown = {};
  try {
    outputs = await runtime.runInPulumiStack(async () => {
      // Registered (inside the stack, where transformations live) before SST's own in
      // src/auto/run.ts, which set retainOnDelete on the options object this one is handed:
      // read once the program is done, that object holds what they set.
      runtime.registerStackTransformation(({ type, name, opts }) => {
        optionsSeen.set(`${type}::${name}`, opts);
        return undefined;
      });
      const program = (await import(pathToFileURL(job.programFile).href)) as { default: () => Promise<unknown> };
      return program.default();
    });
    if (process.env.DEPLOY_PLAN_TRACE) console.error("program returned");
    await runtime.disconnect();
    if (process.env.DEPLOY_PLAN_TRACE) console.error("rpcs drained");
  } catch (error) {
    remember(error);
  }
  // Registrations made in late callbacks, after the RPC queue drained once.
  let seen = -1;
  while (seen !== mocks.resources.length) {
    seen = mocks.resources.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rpc.close();

  const plan: DeployPlan = {
    stage: job.stage,
    resources: mocks.resources,
    options: Object.fromEntries(
      [...optionsSeen].map(([key, opts]) => [
        key,
        { retainOnDelete: opts.retainOnDelete === true, protect: opts.protect === true },
      ]),
    ),
    protectedStage: (outputs as { _protect?: unknown } | undefined)?._protect === true,
    invokes: mocks.invokes,
    builds: rpc.builds,
    rpcCalls: rpc.calls,
    unknownCalls: [...mocks.unknownCalls, ...rpc.unknownCalls],
    siteFixtureReads: site.reads(),
  };
  writeFileSync(job.planFile, JSON.stringify(plan));
  // A caller may have swallowed the error an unknown call threw; the record stays.
  for (const call of plan.unknownCalls) errors.push(`unknown ${call.kind} call: ${call.name}`);
  if (errors.length) {
    console.error(errors.join("\n\n"));
    process.exit(1);
  }
  process.exit(0);
}
