import { MAX_DISPLAY_NAME_LENGTH, MAX_MESSAGE_LENGTH } from "@chat/wire";
import { describe, expect, it } from "vitest";
import { QUEUE_MAX_MESSAGE_BYTES } from "../src/queue-limits";
import { inBatches } from "../src/queues";
import { MAX_FAN_OUT_SHARD_SIZE } from "../src/settings";

// The widest characters: 4 bytes of UTF-8 each, and as many as the limits allow.
const widest = (length: number) => "😀".repeat(length);

describe("queued shards and batches", () => {
  it("the largest shard the settings allow fits in one queue message", () => {
    const shard = {
      roomId: "r".repeat(64),
      frame: {
        type: "message",
        message: {
          id: "01KBJ8Z7N6V0Q4X2M9T3R5W7Y8",
          roomId: "r".repeat(64),
          text: widest(MAX_MESSAGE_LENGTH),
          author: { id: "m".repeat(12), name: widest(MAX_DISPLAY_NAME_LENGTH) },
          sentAt: "2026-12-03T14:30:00.000Z",
          clientMessageId: widest(64),
        },
      },
      recipients: Array.from({ length: MAX_FAN_OUT_SHARD_SIZE }, (_, index) => ({
        connectionId: `${index}`.padStart(16, "c"),
        member: { id: `${index}`.padStart(12, "m"), name: widest(MAX_DISPLAY_NAME_LENGTH) },
        joinedAt: Date.now(),
      })),
    };
    expect(Buffer.byteLength(JSON.stringify(shard))).toBeLessThanOrEqual(QUEUE_MAX_MESSAGE_BYTES);
  });

  it("sends at most 10 bodies and a queue message's bytes per request, each body once, in order", () => {
    const small = Array.from({ length: 25 }, (_, index) => `notice ${index}`);
    expect(inBatches(small).map((batch) => batch.length)).toEqual([10, 10, 5]);
    const large = Array.from({ length: 7 }, (_, index) => String(index).repeat(100_000));
    const batches = inBatches(large);
    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 2, 1]);
    for (const batch of batches) {
      expect(batch.reduce((bytes, body) => bytes + Buffer.byteLength(body), 0)).toBeLessThanOrEqual(
        QUEUE_MAX_MESSAGE_BYTES,
      );
    }
    expect(batches.flat()).toEqual(large);
    expect(inBatches([])).toEqual([]);
  });
});
