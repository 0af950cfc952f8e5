import { lateMessagesFrom, messageIdTime } from "@chat/wire";
import { expect, it } from "vitest";
import { newMessageId } from "../src/ids";

it("gives message ids that begin with the time they were made, as the wire package reads them", () => {
  const now = Date.UTC(2026, 11, 3, 13, 45, 0, 123);
  const id = newMessageId(now);
  expect(messageIdTime(id)).toBe(now);
  expect(lateMessagesFrom(id) < newMessageId(now - 29_000)).toBe(true);
});
