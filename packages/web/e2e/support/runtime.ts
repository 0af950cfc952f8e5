import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@chat/local/ports";
import { launchRuntime, repoRoot } from "@chat/test-support/runtime-process";

export interface RuntimeSettings {
  webPort: number;
  apiPort: number;
  wsPort: number;
  dynamoPort: number;
  dataDir: string;
}

export interface Runtime {
  webUrl: string;
  apiUrl: string;
  wsUrl: string;
  output(): string;
  /** SIGTERM to the runtime's PID, then wait for it to exit. */
  stop(): Promise<void>;
}

export async function freshSettings(): Promise<RuntimeSettings> {
  return {
    webPort: await freePort(),
    apiPort: await freePort(),
    wsPort: await freePort(),
    dynamoPort: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), "chat-e2e-")),
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
    DYNAMODB_PORT: String(settings.dynamoPort),
    DATA_DIR: settings.dataDir,
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
