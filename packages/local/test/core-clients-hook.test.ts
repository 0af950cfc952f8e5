import { pathToFileURL } from "node:url";
import { afterEach, expect, it } from "vitest";
import { type RunningFunctions, startFunctions } from "../src/lambda";

// A preload (the bench's SDK meter) sees the core clients an environment sets up, and only those:
// a function that never calls AWS must not load the SDK for it, or its cold start costs what it
// does not on AWS.
const fixture = (name: string) => pathToFileURL(new URL(`./fixtures/${name}`, import.meta.url).pathname).href;

let functions: RunningFunctions | undefined;
afterEach(async () => {
  await functions?.stop();
});

it("shows a preload the clients its handler reaches, and none to a handler that reaches none", async () => {
  functions = await startFunctions(
    [
      { name: "reaches-table", module: fixture("table-clients-shown-probe.ts"), grant: { file: "probe", table: [] } },
      { name: "reaches-nothing", module: fixture("clients-shown-probe.ts"), grant: { file: "probe" } },
    ],
    { preload: [fixture("clients-listener.ts")], concurrency: 1 },
  );
  expect(await functions.byName["reaches-table"]!.invoke({})).toEqual(["dynamo"]);
  expect(await functions.byName["reaches-nothing"]!.invoke({})).toEqual([]);
});
