import { failedStart, launchApis } from "@chat/test-support/runtime-process";
import { expect, it } from "vitest";
import { configFromEnvironment } from "../src/config";

it("reads the product settings with the local ones: core's defaults, else a clear error", () => {
  expect(configFromEnvironment({}).productSettings).toMatchObject({
    ROOM_GRACE_SECONDS: 3600,
    FAN_OUT_CONCURRENCY: 64,
  });
  expect(configFromEnvironment({ ROOM_GRACE_SECONDS: "60" }).productSettings.ROOM_GRACE_SECONDS).toBe(60);
  expect(() => configFromEnvironment({ ROOM_GRACE_SECONDS: "abc" })).toThrow(/ROOM_GRACE_SECONDS/);
});

it.each([
  ["ROOM_GRACE_SECONDS", "abc", "it must be a number"],
  ["FAN_OUT_CONCURRENCY", "0", "it must be 1 or more"],
])("`npm start` refuses %s=%s with one line naming it, before it starts anything", async (name, raw, reason) => {
  const exited = await failedStart(launchApis({ DATA_DIR: "memory", [name]: raw }));
  expect(exited.code).toBe(1);
  expect(exited.output.trim()).toBe(`bad environment variable ${name}=${JSON.stringify(raw)}: ${reason}`);
});
