// Stands in for the sst binary's RPC server (SST_SERVER), which components
// call over HTTP JSON-RPC. Two methods are stubbed; any other answers with an
// error (worded so SST does not mistake it for "method not found", which some
// callers ignore) and is recorded, which fails the run.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { RecordedBuild, UnknownCall } from "./plan.ts";

export const stubbedRpcMethods = ["Provider.Aws.Bootstrap", "Runtime.Build"] as const;

interface BuildInput {
  functionID: string;
  handler: string;
  bundle?: string;
  runtime: string;
  links?: Record<string, unknown>;
}

export interface RpcStubOptions {
  projectRoot: string;
  /** Where fake build outputs go (SST's `.sst/artifacts`). */
  artifactsDir: string;
  region: string;
  accountId: string;
}

const handlerSourceExtensions = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx"];

export class RpcStub {
  readonly calls: string[] = [];
  readonly builds: RecordedBuild[] = [];
  readonly unknownCalls: UnknownCall[] = [];
  private server?: http.Server;

  constructor(private readonly options: RpcStubOptions) {}

  /** Answers one call; throws for a method without a stub. */
  dispatch(method: string, input: unknown): unknown {
    this.calls.push(method);
    switch (method) {
      case "Provider.Aws.Bootstrap":
        return this.bootstrap();
      case "Runtime.Build":
        return this.build(input as BuildInput);
      default:
        this.unknownCalls.push({ kind: "rpc", name: method });
        throw new Error(`deploy plan: no stub for the sst RPC "${method}"`);
    }
  }

  async listen(): Promise<string> {
    this.server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        let reply: { result?: unknown; error?: string };
        try {
          const { method, params } = JSON.parse(body) as { method: string; params: unknown[] };
          reply = { result: this.dispatch(method, params[0]) };
        } catch (error) {
          reply = { error: error instanceof Error ? error.message : String(error) };
        }
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close() {
    this.server?.close();
  }

  private bootstrap() {
    const { region, accountId } = this.options;
    return {
      asset: `sst-asset-mock-${region}`,
      assetEcrRegistryId: accountId,
      assetEcrUrl: `${accountId}.dkr.ecr.${region}.amazonaws.com/sst-asset`,
      state: `sst-state-mock-${region}`,
      appsyncHttp: "",
      appsyncRealtime: "",
    };
  }

  /**
   * What the CLI's esbuild step returns: a folder holding the handler's module.
   * Like the real build, a handler whose source file is missing is an error.
   */
  private build(input: BuildInput) {
    this.builds.push({
      functionID: input.functionID,
      handler: input.handler,
      bundle: input.bundle ?? null,
      runtime: input.runtime,
      links: Object.keys(input.links ?? {}).sort(),
    });
    const parsed = path.posix.parse(input.handler);
    const modulePath = path.posix.join(parsed.dir, parsed.name);
    if (!input.bundle) {
      const source = path.join(this.options.projectRoot, modulePath);
      if (!handlerSourceExtensions.some((extension) => existsSync(source + extension))) {
        return { handler: input.handler, out: "", errors: [`Could not resolve "${modulePath}"`], sourcemaps: [] };
      }
    }
    const out = path.join(this.options.artifactsDir, `${input.functionID}-src`);
    mkdirSync(path.join(out, parsed.dir), { recursive: true });
    writeFileSync(path.join(out, `${modulePath}.mjs`), "export const handler = async () => {};\n");
    return { handler: input.handler, out, errors: [], sourcemaps: [] };
  }
}
