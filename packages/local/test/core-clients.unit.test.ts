import { tmpdir } from "node:os";
import { expect, it } from "vitest";
import { coreClientsReached } from "../src/environment-bundle";

// An execution environment loads and checks only the SDK clients its handler can reach, as a
// function deployed by SST carries only what its handler imports.
const entry = (functionName: string, module: string, prebuilt = false) => ({
  functionName,
  module,
  prebuilt,
  setsUpCoreClients: true,
});
const lazyProbe = new URL("./fixtures/lazy-table-probe.ts", import.meta.url).href;

it("finds the core clients each handler reaches, through static and dynamic imports", async () => {
  const reached = await coreClientsReached([
    entry("authorize", "@chat/functions/ws/authorize"),
    entry("list-rooms", "@chat/functions/http/list-rooms"),
    entry("send-message", "@chat/functions/ws/send-message"),
    entry("lazy", lazyProbe),
    entry("prebuilt", "file:///somewhere/bundle.mjs", true),
  ]);
  expect(Object.fromEntries(reached)).toEqual({
    authorize: [],
    "list-rooms": ["dynamo"],
    "send-message": ["dynamo", "management"],
    lazy: ["dynamo"],
    prebuilt: ["dynamo", "management"],
  });
});

it("resolves handlers as their bundles do, whatever the working directory and the function's name", async () => {
  const before = process.cwd();
  process.chdir(tmpdir());
  try {
    const reached = await coreClientsReached([
      entry("ws/default", "@chat/functions/ws/default"),
      entry("probe/lazy", lazyProbe),
    ]);
    expect(Object.fromEntries(reached)).toEqual({ "ws/default": ["management"], "probe/lazy": ["dynamo"] });
  } finally {
    process.chdir(before);
  }
});
