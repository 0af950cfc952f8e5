// The AWS SDK's HTTP handler imports `node:http` as an ES module when its
// endpoint is `http:` (DynamoDB Local's, the queue emulator's). Building that
// module's namespace reads every export, and three of them (`WebSocket`,
// `CloseEvent`, `MessageEvent`) are getters that load Node's bundled undici:
// 30–60 ms of CPU at every cold start, which a function on AWS (an `https:`
// endpoint) does not pay. In the environment bundles, `node:http` is the same
// module object taken with `require` (the bundles' banner defines it), and its
// exports are named without those three.
import { createRequire } from "node:module";
import type { Plugin } from "esbuild";

const NAMESPACE = "node-http-by-require";
const LAZY_UNDICI_EXPORTS = new Set(["WebSocket", "CloseEvent", "MessageEvent"]);

function shimSource(): string {
  const http = createRequire(import.meta.url)("node:http") as Record<string, unknown>;
  const names = Object.keys(http).filter((name) => !LAZY_UNDICI_EXPORTS.has(name) && /^[A-Za-z]\w*$/.test(name));
  return [
    `const http = require("node:http");`,
    "export default http;",
    `export const { ${names.join(", ")} } = http;`,
  ].join("\n");
}

/** An esbuild plugin: `http` and `node:http` resolve to the module taken with `require`. */
export const nodeHttpByRequire: Plugin = {
  name: NAMESPACE,
  setup(build) {
    // The shim's own `require("node:http")` stays Node's (external, as every built-in).
    // Both spellings resolve to one path: one shim in the bundle, made once per build.
    build.onResolve({ filter: /^(node:)?http$/ }, ({ namespace }) =>
      namespace === NAMESPACE ? undefined : { path: "node:http", namespace: NAMESPACE },
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: shimSource(), loader: "js" }));
  },
};
