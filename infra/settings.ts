import { productSettingNames, readProductSettings } from "../packages/core/src/settings";

// Product settings handed to every handler; override at deploy time from the
// shell. Their names, defaults and checks are core's (packages/core/src/settings.ts):
// a bad value stops the deploy with the variable's name, as it would fail every
// invocation.
const values = readProductSettings(process.env);
export const settings = Object.fromEntries(productSettingNames.map((name) => [name, String(values[name])])) as Record<
  (typeof productSettingNames)[number],
  string
>;

// Timeout and memory per kind of function, from the bench's worst case
// (README, "Function sizing").
export const functionSizing = {
  http: { timeout: "5 seconds", memory: "512 MB" },
  ws: { timeout: "29 seconds", memory: "1024 MB" },
} as const;
