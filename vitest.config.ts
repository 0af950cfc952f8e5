import { defineConfig } from "vitest/config";

// Four projects (`vitest run --project <name>`, or `npm run test:<name>`):
//
// - unit: pure modules (core, web, wire, the bench's pricing). No Java, no network, no global setup: seconds.
// - integration: the local runtime and the bench smoke test, over one DynamoDB Local the
//   project's global setup starts per run. Every file makes its own table (and ports bind
//   port 0), so files run in parallel.
// - deploy: the offline deploy checks (type checks, the synthesized deploy plan, the
//   OpenNext build), in parallel with the above.
// - browser: Chromium against the real runtime. Last, one file at a time: the runtime
//   serves packages/web/.next, which the deploy project's OpenNext build has just written
//   (so `next build` does not run again), and the files must not rebuild it under each other.
//
// unit, integration and deploy share one pool of `maxWorkers` forks (2 cores: builds and
// type checks are CPU-bound, the integration files mostly wait on sockets).
// DynamoDB Local (Java) in the tests: started a dozen times per run, each serving a few hundred
// requests, so the JIT's optimizing tier and the parallel collector cost far more CPU than they
// save (about 7 s of CPU per start instead of 15 s). The JVM reads this variable itself, so it
// reaches every DynamoDB Local the tests start, directly or through a runtime process; `npm
// start` is left as it is.
const TEST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
process.env.JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, TEST_JVM_OPTIONS].filter(Boolean).join(" ");

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "packages/core/test/**/*.test.ts",
            "packages/web/test/**/*.test.ts",
            "packages/wire/test/**/*.test.ts",
            "bench/**/*.unit.test.ts",
          ],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["packages/local/test/**/*.test.ts", "bench/smoke.test.ts"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "deploy",
          include: ["test/**/*.test.ts", "packages/web/e2e/open-next.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["packages/web/e2e/**/*.test.ts"],
          exclude: ["packages/web/e2e/open-next.test.ts"],
          // Ports picked once, so every file's runtime serves the same build (see the file).
          globalSetup: ["packages/web/e2e/support/global-setup.ts"],
          fileParallelism: false,
        },
      },
    ],
  },
});
