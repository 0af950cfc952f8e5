import { expect, it } from "vitest";
import { coreClientsReached } from "../src/environment-bundle";

// An execution environment loads and checks only the SDK clients its handler can reach, as a
// function deployed by SST carries only what its handler imports.
it("finds the core clients each handler reaches, through static and dynamic imports", async () => {
  const entry = (functionName: string, module: string, prebuilt = false) => ({
    functionName,
    module,
    prebuilt,
    setsUpCoreClients: true,
  });
  const reached = await coreClientsReached([
    entry("authorize", "@chat/functions/ws/authorize"),
    entry("list-rooms", "@chat/functions/http/list-rooms"),
    entry("send-message", "@chat/functions/ws/send-message"),
    entry("lazy", new URL("./fixtures/lazy-table-probe.ts", import.meta.url).href),
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
