import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Four projects (`vitest run --project <name>`, or `npm run test:<name>`):
//
// - unit: pure modules (core, web, wire, the bench's pricing). No Java, no network, no global setup: seconds.
// - integration: the local runtime, the web client's session against it
//   (packages/web/test/*.integration.test.ts) and the bench smoke test, over one DynamoDB Local
//   per run (test/global-setup.ts, shared with the browser project). Every file makes its own
//   table (and ports bind port 0), so files run in parallel.
// - deploy: the offline deploy checks (type checks, the synthesized deploy plan, the
//   OpenNext build).
// - browser: Chromium against the real runtime, on ports picked once per run
//   (packages/web/e2e/support/global-setup.ts). The runtime serves packages/web/.next, built
//   for those ports by the OpenNext test (its `next build` is handed their API URLs), so the
//   site is built once per run, not once for OpenNext and again for the browser. Each file's
//   runtime keeps its table in the run's DynamoDB Local (DYNAMODB_ENDPOINT).
//
// All four share one pool of `maxWorkers` forks and run side by side. The files that own
// packages/web/.next (the OpenNext build, then each browser file) take turns through a lock
// (packages/web/e2e/support/site-lock.ts) instead of running after everything else.

// DynamoDB Local (Java) in the tests: started a dozen times per run, each serving a few hundred
// requests. Its launcher already stops the JIT at the first tier and picks the serial collector
// (dynamodb-local.ts: with both, about 7 s of CPU per start instead of 15 s); here the bytecode
// verification of its classes is left out as well: Amazon's jar is trusted here, and checking
// each class as it loads cost 15% of a fresh JVM's CPU (start and 300 requests: 4.0 s instead of
// 4.7 s, mean of three). A JDK that no longer knows that diagnostic flag ignores it. The JVM
// reads this variable itself, so it reaches every DynamoDB Local the tests start, directly or
// through a runtime process.
const TEST_JVM_OPTIONS = [
  "-XX:+IgnoreUnrecognizedVMOptions",
  "-XX:+UnlockDiagnosticVMOptions",
  "-XX:-BytecodeVerificationRemote",
].join(" ");
process.env.JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, TEST_JVM_OPTIONS].filter(Boolean).join(" ");

// The long files start first, so that they overlap with the many short ones: the OpenNext
// build (the browser files wait for it), the type checks, then the browser files (the short
// one first: while one holds the site the other waits in its worker) and the deploy plan.
// Everything else keeps vitest's own order (slowest last time first).
const FIRST = [
  "packages/web/e2e/open-next.test.ts",
  "test/typecheck.test.ts",
  "packages/web/e2e/static-pages.test.ts",
  "packages/web/e2e/chat.test.ts",
  "test/deploy-plan.test.ts",
];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = FIRST.indexOf(relative(spec.project.config.root, spec.moduleId));
      return index === -1 ? FIRST.length : index;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    // Two cores: the builds and type checks are CPU-bound, most integration files wait on
    // sockets, and a browser file may wait in its worker for the site.
    maxWorkers: 4,
    sequence: { sequencer: LongFirstSequencer },
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
            "packages/local/test/**/*.unit.test.ts",
          ],
          exclude: ["packages/web/test/**/*.integration.test.ts"],
          testTimeout: 10_000,
          // Pure modules, and no file relies on a fresh copy of one (checked with
          // --sequence.shuffle): sharing them across files takes the run from 9.5 s to 2.5 s.
          isolate: false,
        },
        // The web's own import alias (packages/web/tsconfig.json), for its components' tests.
        resolve: {
          alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("packages/web/src/", import.meta.url)) }],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [
            "packages/local/test/**/*.test.ts",
            "packages/web/test/**/*.integration.test.ts",
            "bench/smoke.test.ts",
          ],
          exclude: ["packages/local/test/**/*.unit.test.ts"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "deploy",
          include: ["test/**/*.test.ts", "packages/web/e2e/open-next.test.ts"],
          // The browser project's ports, for the OpenNext build's API URLs.
          globalSetup: ["packages/web/e2e/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["packages/web/e2e/**/*.test.ts"],
          exclude: ["packages/web/e2e/open-next.test.ts"],
          // Ports picked once, so every file's runtime serves the same build (see the file); the
          // runtimes keep their tables in the DynamoDB Local the integration project also uses.
          globalSetup: ["packages/web/e2e/support/global-setup.ts", "test/global-setup.ts"],
        },
      },
    ],
  },
});
