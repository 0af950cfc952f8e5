import { pollUntil } from "@chat/local/wait-until";
import type { Delivery } from "./clients";

interface SentMessage {
  sentAt: number;
  batch: Batch;
  /** One flag per member of the room: received yet? */
  receivedBy: Uint8Array;
}

/** A group of messages measured together (one load step, one cost sample). */
export class Batch {
  sent = 0;
  expected = 0;
  delivered = 0;
  duplicated = 0;
  lastReceivedAt = 0;
  readonly latencies: number[] = [];

  get lost() {
    return this.expected - this.delivered;
  }

  get complete() {
    return this.delivered === this.expected;
  }
}

/**
 * Every message the load generator sent, keyed by its clientMessageId, and
 * who received it: send time at the sender to receive time at each member,
 * on this process's one clock; lost and duplicated deliveries.
 */
export class DeliveryLedger {
  private readonly sent = new Map<string, SentMessage>();
  /** Message frames whose clientMessageId the bench never sent. */
  unknownDeliveries = 0;
  private nextId = 0;

  newMessageId() {
    return `b${(this.nextId++).toString(36)}`;
  }

  recordSend(clientMessageId: string, roomSize: number, batch: Batch, sentAt = performance.now()) {
    this.sent.set(clientMessageId, { sentAt, batch, receivedBy: new Uint8Array(roomSize) });
    batch.sent++;
    batch.expected += roomSize;
  }

  readonly recordDelivery = (delivery: Delivery) => {
    const message = this.sent.get(delivery.clientMessageId);
    if (!message) {
      this.unknownDeliveries++;
      return;
    }
    const { batch } = message;
    if (message.receivedBy[delivery.receiver.memberIndex]) {
      batch.duplicated++;
      return;
    }
    message.receivedBy[delivery.receiver.memberIndex] = 1;
    batch.delivered++;
    batch.latencies.push(delivery.receivedAt - message.sentAt);
    batch.lastReceivedAt = Math.max(batch.lastReceivedAt, delivery.receivedAt);
  };
}

/** Resolves once every batch is complete, or after `timeoutMs`; true when complete. */
export async function waitForDeliveries(batches: Batch[], timeoutMs: number): Promise<boolean> {
  return (await pollUntil(() => batches.every((batch) => batch.complete), { timeoutMs, intervalMs: 5 })) === true;
}
