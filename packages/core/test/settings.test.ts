import { afterEach, describe, expect, it } from "vitest";
import {
  addressRules,
  fanOutConcurrency,
  messageRetentionSeconds,
  productSettingDefaults,
  productSettingNames,
  readProductSettings,
  readSetting,
  roomGraceSeconds,
} from "../src/settings";

const saved = Object.fromEntries(productSettingNames.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of productSettingNames) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("product settings", () => {
  it("defaults to the documented values when a variable is unset or empty", () => {
    expect(readProductSettings({})).toEqual({
      ROOM_GRACE_SECONDS: 3600,
      MESSAGE_RETENTION_DAYS: 30,
      FAN_OUT_CONCURRENCY: 64,
      CONNECT_LIMIT_PER_ADDRESS: 30,
      ROOM_LIMIT_PER_ADDRESS: 10,
      PRESENCE_BATCH_ABOVE: 20,
      PRESENCE_NAMES_UP_TO: 500,
      PRESENCE_MAX_GAP_SECONDS: 10,
      FAN_OUT_SHARD_ABOVE: 500,
      FAN_OUT_SHARD_SIZE: 250,
    });
    const empty = Object.fromEntries(productSettingNames.map((name) => [name, ""]));
    expect(readProductSettings(empty)).toEqual(productSettingDefaults);
  });

  it("reads valid values: positive numbers for durations, whole numbers for counts", () => {
    expect(
      readProductSettings({
        ROOM_GRACE_SECONDS: "1",
        MESSAGE_RETENTION_DAYS: String(1 / 86_400),
        FAN_OUT_CONCURRENCY: "8",
        CONNECT_LIMIT_PER_ADDRESS: "1e6",
        ROOM_LIMIT_PER_ADDRESS: " 2 ",
        PRESENCE_BATCH_ABOVE: "3",
        PRESENCE_NAMES_UP_TO: "6",
        PRESENCE_MAX_GAP_SECONDS: "2.5",
        FAN_OUT_SHARD_ABOVE: "4",
        FAN_OUT_SHARD_SIZE: "3",
      }),
    ).toEqual({
      ROOM_GRACE_SECONDS: 1,
      MESSAGE_RETENTION_DAYS: 1 / 86_400,
      FAN_OUT_CONCURRENCY: 8,
      CONNECT_LIMIT_PER_ADDRESS: 1_000_000,
      ROOM_LIMIT_PER_ADDRESS: 2,
      PRESENCE_BATCH_ABOVE: 3,
      PRESENCE_NAMES_UP_TO: 6,
      PRESENCE_MAX_GAP_SECONDS: 2.5,
      FAN_OUT_SHARD_ABOVE: 4,
      FAN_OUT_SHARD_SIZE: 3,
    });
  });

  it.each([
    ["ROOM_GRACE_SECONDS", "abc", "it must be a number"],
    ["ROOM_GRACE_SECONDS", "0", "it must be greater than 0"],
    ["ROOM_GRACE_SECONDS", "-5", "it must be greater than 0"],
    ["ROOM_GRACE_SECONDS", "Infinity", "it must be a finite number"],
    ["ROOM_GRACE_SECONDS", " ", "it must be a number"],
    ["MESSAGE_RETENTION_DAYS", "30d", "it must be a number"],
    ["MESSAGE_RETENTION_DAYS", "0", "it must be greater than 0"],
    ["FAN_OUT_CONCURRENCY", "0", "it must be 1 or more"],
    ["FAN_OUT_CONCURRENCY", "2.5", "it must be a whole number"],
    ["FAN_OUT_CONCURRENCY", "many", "it must be a number"],
    ["CONNECT_LIMIT_PER_ADDRESS", "-1", "it must be 1 or more"],
    ["CONNECT_LIMIT_PER_ADDRESS", "0x", "it must be a number"],
    ["ROOM_LIMIT_PER_ADDRESS", "1.5", "it must be a whole number"],
    ["ROOM_LIMIT_PER_ADDRESS", "ten", "it must be a number"],
    ["PRESENCE_BATCH_ABOVE", "0", "it must be 1 or more"],
    ["PRESENCE_MAX_GAP_SECONDS", "-1", "it must be greater than 0"],
    ["FAN_OUT_SHARD_SIZE", "2.5", "it must be a whole number"],
    ["FAN_OUT_SHARD_SIZE", "1001", "it must be at most 1000 (a shard is one queue message)"],
  ] as const)("refuses %s=%j, naming the variable (%s)", (name, raw, reason) => {
    const expected = `bad environment variable ${name}=${JSON.stringify(raw)}: ${reason}`;
    expect(() => readSetting(name, { [name]: raw })).toThrow(expected);
    // All at once (the local runtime's start, the deploy): the same error.
    expect(() => readProductSettings({ [name]: raw })).toThrow(expected);
  });

  it("is read from process.env on each call, so a test can change it, and a bad value fails the call", () => {
    process.env.ROOM_GRACE_SECONDS = "120";
    expect(roomGraceSeconds()).toBe(120);
    process.env.ROOM_GRACE_SECONDS = "5";
    expect(roomGraceSeconds()).toBe(5);
    delete process.env.ROOM_GRACE_SECONDS;
    expect(roomGraceSeconds()).toBe(3600);

    process.env.MESSAGE_RETENTION_DAYS = "2";
    expect(messageRetentionSeconds()).toBe(2 * 86_400);
    process.env.FAN_OUT_CONCURRENCY = "4";
    expect(fanOutConcurrency()).toBe(4);
    process.env.CONNECT_LIMIT_PER_ADDRESS = "60";
    process.env.ROOM_LIMIT_PER_ADDRESS = "6";
    expect(addressRules()).toEqual({
      connect: { burst: 60, perSecond: 1 },
      createRoom: { burst: 6, perSecond: 0.01 },
    });

    process.env.ROOM_GRACE_SECONDS = "abc";
    expect(() => roomGraceSeconds()).toThrow('bad environment variable ROOM_GRACE_SECONDS="abc": it must be a number');
    process.env.FAN_OUT_CONCURRENCY = "0";
    expect(() => fanOutConcurrency()).toThrow(/FAN_OUT_CONCURRENCY/);
  });
});
