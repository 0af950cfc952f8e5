import { productSettingNames, readProductSettings } from "../packages/core/src/settings";
import { functionSizing as sizing } from "../packages/functions/src/routes";

// Product settings handed to every handler; override at deploy time from the
// shell. Their names, defaults and checks are core's (packages/core/src/settings.ts):
// a bad value stops the deploy with the variable's name, as it would fail every
// invocation.
const values = readProductSettings(process.env);
export const settings = Object.fromEntries(productSettingNames.map((name) => [name, String(values[name])])) as Record<
  (typeof productSettingNames)[number],
  string
>;

const sstSizing = ({ timeoutSeconds, memoryMb }: { timeoutSeconds: number; memoryMb: number }) => ({
  timeout: `${timeoutSeconds} seconds` as const,
  memory: `${memoryMb} MB` as const,
});

// Timeout and memory per kind of function (routes.ts), in SST's units.
export const functionSizing = {
  http: sstSizing(sizing.http),
  ws: sstSizing(sizing.ws),
  queue: sstSizing(sizing.queue),
};
