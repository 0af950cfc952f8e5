import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "packages/web/e2e/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
  },
});
