import { deliverShard } from "../fan-out";
import { parseQueued, type QueuedRecord, Shard } from "../queue-messages";

/**
 * The FanOut queue's subscriber: posts each shard's frame to its members.
 * Returns the shards that failed, for the queue to retry.
 */
export async function deliverShards(records: QueuedRecord[]): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    records.map(async (record) => {
      const shard = parseQueued(Shard, record.body);
      if (!shard) return;
      try {
        await deliverShard(shard);
      } catch (error) {
        console.error("a fan-out shard failed; it will be retried", error);
        failed.push(record.messageId);
      }
    }),
  );
  return failed;
}
