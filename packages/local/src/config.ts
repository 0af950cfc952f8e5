import { type ProductSettings, readProductSettings } from "@chat/core/settings";
import * as v from "valibot";
import { DEFAULT_CONCURRENCY } from "./lambda";
import { WARM_UP_TABLE } from "./warm-up-table";
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_MAX_CONNECTION_SECONDS,
  DEFAULT_PING_SECONDS,
} from "./ws-connection-limits";

/** An optional number in a variable (unset or empty: undefined), checked by `rules`. */
const optionalNumber = (...rules: v.PipeItem<number, number, v.BaseIssue<unknown>>[]) =>
  v.pipe(
    v.optional(v.string()),
    v.transform((raw) => (raw === undefined || raw === "" ? undefined : Number(raw))),
    v.optional(v.pipe(v.number(), ...rules)),
  );

const Port = optionalNumber(v.integer(), v.minValue(0), v.maxValue(65535));
const Seconds = optionalNumber(v.minValue(0.001));
const Count = optionalNumber(v.integer("must be a whole number"), v.minValue(1), v.maxValue(1000));

// DynamoDB's own rule for table names.
const TableName = v.optional(
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{3,255}$/, "it must be 3 to 255 letters, digits, '_', '-' or '.'")),
);
const Endpoint = v.optional(
  v.pipe(
    v.string(),
    v.url("it must be a URL such as http://127.0.0.1:8000"),
    v.regex(/^https?:\/\//, "it must be an http:// or https:// URL"),
  ),
);

const Environment = v.object({
  WEB_PORT: Port,
  API_PORT: Port,
  WS_PORT: Port,
  DYNAMODB_PORT: Port,
  DATA_DIR: v.optional(v.string()),
  NO_DYNAMODB_WARM_UP: v.optional(v.string()),
  DYNAMODB_ENDPOINT: Endpoint,
  TABLE_NAME: TableName,
  WS_IDLE_TIMEOUT_SECONDS: Seconds,
  WS_MAX_CONNECTION_SECONDS: Seconds,
  WS_PING_SECONDS: Seconds,
  NO_WEB: v.optional(v.string()),
  WEB_MODE: v.optional(v.picklist(["production", "dev"], 'WEB_MODE must be "production" or "dev"')),
  WEB_SKIP_BUILD: v.optional(v.string()),
  HANDLERS: v.optional(v.picklist(["source", "bundled"], 'HANDLERS must be "source" or "bundled"')),
  HANDLERS_DIR: v.optional(v.pipe(v.string(), v.minLength(1, "HANDLERS_DIR must not be empty"))),
  LAMBDA_CONCURRENCY: Count,
});

/** Every variable `npm start` reads besides the product settings (README, "Ports and environment variables"). */
export const localVariableNames = Object.keys(Environment.entries);

export interface LocalConfig {
  webPort: number;
  apiPort: number;
  wsPort: number;
  dynamoPort: number;
  /** DynamoDB Local's files; undefined keeps data in memory (or leaves them to DYNAMODB_ENDPOINT's DynamoDB). */
  dataDir: string | undefined;
  /** Whether DynamoDB Local is warmed once the runtime is ready (dynamodb-warm-up.ts; NO_DYNAMODB_WARM_UP=1: not). */
  warmUpDynamoDb: boolean;
  /** A DynamoDB that is already running, used instead of starting DynamoDB Local. */
  dynamoEndpoint: string | undefined;
  /** The runtime's table (default: the stack's); one runtime per table, as its start-up sweep assumes. */
  tableName: string | undefined;
  idleTimeoutSeconds: number;
  maxConnectionSeconds: number;
  /** Seconds between the pings that find half-open connections (a missed pong ends one). */
  pingSeconds: number;
  /** Whether to run the site at all (NO_WEB=1 runs only the APIs and DynamoDB Local). */
  web: boolean;
  webMode: "production" | "dev";
  /** Serve the existing production build as it is. */
  webSkipBuild: boolean;
  /** "source": import the handlers' TypeScript; "bundled": serve them bundled as `sst deploy` bundles them. */
  handlers: "source" | "bundled";
  /** With "bundled": the folder to bundle into and serve from (kept); undefined: a fresh temporary one. */
  handlersDir: string | undefined;
  /** Most execution environments per function at once (Lambda's reserved concurrency, locally). */
  concurrency: number;
  /**
   * The product settings (ROOM_GRACE_SECONDS, …), checked here so that a bad
   * one stops the start; the handlers read them again per call (core's settings.ts).
   */
  productSettings: ProductSettings;
}

/**
 * The local runtime's settings from the environment (see README, "Ports and
 * variables"); throws "bad environment variable NAME: …" for the first bad one.
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const result = v.safeParse(Environment, env);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(`bad environment variable ${issue.path?.[0]?.key}: ${issue.message}`);
  }
  const vars = result.output;
  if (vars.HANDLERS_DIR !== undefined && vars.HANDLERS !== "bundled") {
    throw new Error("bad environment variable HANDLERS_DIR: it needs HANDLERS=bundled");
  }
  for (const name of ["DYNAMODB_PORT", "DATA_DIR"] as const) {
    if (vars.DYNAMODB_ENDPOINT !== undefined && vars[name] !== undefined) {
      throw new Error(
        `bad environment variable ${name}: it has no effect with DYNAMODB_ENDPOINT (no DynamoDB Local is started)`,
      );
    }
  }
  const external = vars.DYNAMODB_ENDPOINT !== undefined;
  const ports = {
    webPort: vars.WEB_PORT ?? 3000,
    apiPort: vars.API_PORT ?? 3001,
    wsPort: vars.WS_PORT ?? 3002,
    dynamoPort: vars.DYNAMODB_PORT ?? 8000,
  };
  assertDistinctPorts(ports, vars, { web: vars.NO_WEB !== "1", dynamo: !external });
  return {
    ...ports,
    dataDir: external || vars.DATA_DIR === "memory" ? undefined : (vars.DATA_DIR ?? ".data"),
    // The warm-up deletes its scratch table first: never when that is the runtime's own table.
    warmUpDynamoDb: !external && vars.NO_DYNAMODB_WARM_UP !== "1" && vars.TABLE_NAME !== WARM_UP_TABLE,
    dynamoEndpoint: vars.DYNAMODB_ENDPOINT,
    tableName: vars.TABLE_NAME,
    idleTimeoutSeconds: vars.WS_IDLE_TIMEOUT_SECONDS ?? DEFAULT_IDLE_TIMEOUT_SECONDS,
    maxConnectionSeconds: vars.WS_MAX_CONNECTION_SECONDS ?? DEFAULT_MAX_CONNECTION_SECONDS,
    pingSeconds: vars.WS_PING_SECONDS ?? DEFAULT_PING_SECONDS,
    web: vars.NO_WEB !== "1",
    webMode: vars.WEB_MODE ?? "production",
    webSkipBuild: vars.WEB_SKIP_BUILD === "1",
    handlers: vars.HANDLERS ?? "source",
    handlersDir: vars.HANDLERS_DIR,
    concurrency: vars.LAMBDA_CONCURRENCY ?? DEFAULT_CONCURRENCY,
    productSettings: readProductSettings(env),
  };
}

const PORT_VARIABLES = { webPort: "WEB_PORT", apiPort: "API_PORT", wsPort: "WS_PORT", dynamoPort: "DYNAMODB_PORT" };

/**
 * Two servers on one port would fail at start with EADDRINUSE: named here instead, blaming a
 * variable that was set rather than one left at its default. Port 0 is any free port.
 */
function assertDistinctPorts(
  ports: Record<keyof typeof PORT_VARIABLES, number>,
  set: Partial<Record<string, unknown>>,
  used: { web: boolean; dynamo: boolean },
) {
  const owners = new Map<number, string>();
  for (const [key, name] of Object.entries(PORT_VARIABLES) as [keyof typeof PORT_VARIABLES, string][]) {
    if ((key === "webPort" && !used.web) || (key === "dynamoPort" && !used.dynamo) || ports[key] === 0) continue;
    const other = owners.get(ports[key]);
    if (other) {
      const [blamed, owner] = set[name] === undefined ? [other, name] : [name, other];
      const whose = set[owner] === undefined ? `${owner}'s default` : `${owner}'s`;
      throw new Error(`bad environment variable ${blamed}: port ${ports[key]} is also ${whose}`);
    }
    owners.set(ports[key], name);
  }
}
