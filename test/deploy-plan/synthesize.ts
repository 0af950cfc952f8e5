/**
 * Offline deploy plan: runs this app's real SST program (sst.config.ts and
 * infra/, entered through SST's own `src/auto/run.ts`) under Pulumi's unit-test
 * mocks, with no AWS credentials and no Pulumi CLI, and returns every resource
 * it registered (type, logical name, inputs), every data source it called and
 * every function build it asked the sst binary for. Tests assert on that plan
 * the way AWS CDK's assertions do on a synthesized template.
 *
 * How:
 * 1. The SST program is bundled exactly as the sst binary bundles it
 *    (pkg/project/run.go + pkg/js/js.go in sst/sst 3.x): esbuild with `$cli`
 *    and `$dev` defined, `src/shim/run.js` injected, `aws` and `sst` imported
 *    at the top of every project file, Pulumi and friends external.
 * 2. A child process (program.ts) sets `$app` from the config's own app(),
 *    stubs the sst binary's RPC server (rpc-stub.ts: `Provider.Aws.Bootstrap`,
 *    `Runtime.Build`), installs the mocks (mocks.ts) on the @pulumi/pulumi in
 *    .sst/platform, serves the Next.js build outputs from fixture/ (site-fixture.ts)
 *    and runs the program inside `runtime.runInPulumiStack`.
 * 3. Unknown RPCs and data sources throw, are recorded, and fail synthesis.
 *
 * Nothing is written into the project: bundles, fake build outputs and zips go
 * to a temporary folder whose node_modules links to .sst/platform/node_modules.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as Esbuild from "esbuild";
import type { DeployPlan } from "./plan.ts";
import type { HarnessJob } from "./program.ts";

const here = import.meta.dirname;
export const projectRoot = path.resolve(here, "../..");
const platformDir = path.join(projectRoot, ".sst/platform");
/** A stage of no special meaning to sst.config.ts (as a developer's own stage is). */
export const DEFAULT_STAGE = "deploy-plan";

/** The packages the sst binary leaves out of the bundle (pkg/js/js.go). */
const sstExternals = [
  "@pulumi/*",
  "undici",
  "@pulumiverse/*",
  "@sst-provider/*",
  "@aws-sdk/*",
  "esbuild",
  "archiver",
  "glob",
  "vite",
];

const sstBanner = `
import { createRequire as topLevelCreateRequire } from 'module';
const require = topLevelCreateRequire(import.meta.url);
import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"
const __filename = topLevelFileUrlToPath(import.meta.url)
const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))
`;

function ensurePlatform() {
  if (!existsSync(path.join(platformDir, "config.d.ts"))) {
    execFileSync("bash", ["scripts/sst-install.sh"], { cwd: projectRoot, stdio: "inherit" });
  }
}

/** SST's own esbuild (the copy in .sst/platform). */
function loadEsbuild(): typeof Esbuild {
  return createRequire(path.join(platformDir, "package.json"))("esbuild") as typeof Esbuild;
}

/** Prepends the provider imports to project files, as the sst binary's InjectGlobals plugin does. */
function injectGlobals(): Esbuild.Plugin {
  const globals = [
    `import * as aws from "@pulumi/aws";`,
    `import * as sst from "${path.join(platformDir, "src/components")}";`,
  ].join("\n");
  return {
    name: "InjectGlobals",
    setup(build) {
      build.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
        const contents = readFileSync(args.path, "utf8");
        return { contents: args.path.includes(".sst") ? contents : `${globals}\n${contents}`, loader: "default" };
      });
    },
  };
}

async function bundleProgram(esbuild: typeof Esbuild, workDir: string, outfile: string) {
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: path.join(workDir, "home"), root: projectRoot, work: workDir, platform: platformDir },
    state: { version: {} },
  };
  await esbuild.build({
    stdin: {
      contents: [
        `import { run } from "${path.join(platformDir, "src/auto/run.ts")}";`,
        `import mod from "${path.join(projectRoot, "sst.config.ts")}";`,
        // The sst binary runs `await run(mod.run)` at the top level; here the
        // harness calls it inside runInPulumiStack.
        `export default () => run(mod.run);`,
      ].join("\n"),
      resolveDir: projectRoot,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    banner: { js: sstBanner },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    sourcemap: "linked",
    nodePaths: [path.join(platformDir, "node_modules")],
    plugins: [injectGlobals()],
    external: sstExternals,
    define: { $cli: JSON.stringify(cli), $dev: "false" },
    inject: [path.join(platformDir, "src/shim/run.js")],
    outfile,
    bundle: true,
    logLevel: "silent",
  });
}

/** program.ts plus sst.config.ts for its app(); the config's dynamic imports (infra/) stay out. */
async function bundleHarness(esbuild: typeof Esbuild, outfile: string) {
  const configFile = path.join(projectRoot, "sst.config.ts");
  await esbuild.build({
    stdin: {
      contents: [
        `import config from "${configFile}";`,
        `import { runHarness } from "${path.join(here, "program.ts")}";`,
        `await runHarness(config);`,
      ].join("\n"),
      resolveDir: here,
      sourcefile: "harness.ts",
      loader: "ts",
    },
    format: "esm",
    platform: "node",
    inject: [path.join(platformDir, "src/shim/boot.js")],
    plugins: [
      {
        name: "config-app-only",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) =>
            args.importer === configFile && args.kind === "dynamic-import"
              ? { path: args.path, external: true }
              : undefined,
          );
        },
      },
    ],
    outfile,
    bundle: true,
    logLevel: "silent",
  });
}

function runChild(harnessFile: string, job: HarnessJob): Promise<void> {
  // No AWS credentials or profile may reach the program.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AWS_|SST_|PULUMI_)/.test(key)));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--enable-source-maps", harnessFile],
      // A hang fails, but a loaded machine (the test projects run side by side) is not one.
      {
        cwd: projectRoot,
        env: { ...env, DEPLOY_PLAN_JOB: JSON.stringify(job) },
        timeout: 180_000,
        maxBuffer: 64 << 20,
      },
      (error, _stdout, stderr) => {
        const why = error?.killed ? `killed after 180 s, ${error.signal}` : error?.message;
        if (error) reject(new Error(`the SST program failed under the mocks (${why}):\n${stderr}`));
        else resolve();
      },
    );
  });
}

/** Runs the SST program once under the mocks, for `stage`, and returns what it registered. */
export async function synthesize(stage = DEFAULT_STAGE): Promise<DeployPlan> {
  ensurePlatform();
  const esbuild = loadEsbuild();
  const workDir = mkdtempSync(path.join(tmpdir(), `deploy-plan-${stage}-`));
  try {
    symlinkSync(path.join(platformDir, "node_modules"), path.join(workDir, "node_modules"), "dir");
    mkdirSync(path.join(workDir, "home"));
    const job: HarnessJob = {
      stage,
      projectRoot,
      programFile: path.join(workDir, `sst.config.${Date.now()}.mjs`),
      pulumiEntry: path.join(platformDir, "node_modules/@pulumi/pulumi/index.js"),
      artifactsDir: path.join(workDir, "artifacts"),
      fixtureDir: path.join(here, "fixture/nextjs-build"),
      planFile: path.join(workDir, "plan.json"),
    };
    const harnessFile = path.join(workDir, "harness.mjs");
    await Promise.all([bundleProgram(esbuild, workDir, job.programFile), bundleHarness(esbuild, harnessFile)]);
    await runChild(harnessFile, job);
    return JSON.parse(readFileSync(job.planFile, "utf8")) as DeployPlan;
  } finally {
    if (!process.env.DEPLOY_PLAN_KEEP) rmSync(workDir, { recursive: true, force: true });
  }
}
