import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { freePort } from "@chat/local/ports";
import { launchRuntime, repoRoot } from "@chat/test-support/runtime-process";
import { onSharedDynamoDb } from "@chat/test-support/shared-dynamodb";
import { inject } from "vitest";

export interface RuntimeSettings {
  webPort: number;
  apiPort: number;
  wsPort: number;
  /** The runtime's table in the run's DynamoDB Local (test/global-setup.ts), kept across its restarts. */
  tableName: string;
}

export interface Runtime {
  webUrl: string;
  apiUrl: string;
  wsUrl: string;
  output(): string;
  /** SIGTERM to the runtime's PID, then wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Settings for a runtime of this file's own: a fresh table, on the browser project's ports
 * (support/global-setup.ts), which every browser file uses in turn so that they share one
 * build of the site. Outside that project (no ports provided), fresh free ports.
 */
export async function freshSettings(): Promise<RuntimeSettings> {
  const shared = inject("browserPorts");
  return {
    webPort: shared?.webPort ?? (await freePort()),
    apiPort: shared?.apiPort ?? (await freePort()),
    wsPort: shared?.wsPort ?? (await freePort()),
    tableName: `e2e-${randomUUID()}`,
  };
}

const tsxCli = createRequire(join(repoRoot, "package.json")).resolve("tsx/cli");

/**
 * Starts the real local runtime (`npm start`'s entry point) and resolves at its "ready" line.
 * `reuseBuild` skips `next build` (a restart on the same checkout).
 */
export async function startRuntime(settings: RuntimeSettings, { reuseBuild = false } = {}): Promise<Runtime> {
  const runtime = await launchRuntime(process.execPath, [tsxCli, "packages/local/src/main.ts"], {
    WEB_MODE: "production",
    WEB_SKIP_BUILD: reuseBuild ? "1" : "0",
    WEB_PORT: String(settings.webPort),
    API_PORT: String(settings.apiPort),
    WS_PORT: String(settings.wsPort),
    ...onSharedDynamoDb(settings.tableName),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  return {
    webUrl: `http://127.0.0.1:${settings.webPort}`,
    apiUrl: `http://127.0.0.1:${settings.apiPort}`,
    wsUrl: `ws://127.0.0.1:${settings.wsPort}`,
    output: runtime.output,
    stop: async () => {
      await runtime.stop();
    },
  };
}
