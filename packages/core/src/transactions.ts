import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";

/** One entry of a TransactWriteItems (Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export interface CancellationReason {
  Code?: string;
  /** The item as it was, for an item that asked for ReturnValuesOnConditionCheckFailure. */
  Item?: Record<string, AttributeValue>;
}

/** Why each item of a cancelled TransactWriteItems failed, in the items' order; [] for any other error. */
export const cancellationReasons = (error: unknown): CancellationReason[] =>
  error instanceof Error && error.name === "TransactionCanceledException"
    ? ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [])
    : [];

const CONFLICT_ATTEMPTS = 5;

/**
 * Sends a transaction again when DynamoDB cancelled it because another
 * transaction held one of its items: a big room's counter, which every join
 * and leave updates, is such a hot item when hundreds join at once. Waits a
 * random, growing while between tries; other failures are thrown at once.
 */
export async function retryingConflicts<T>(
  send: () => Promise<T>,
  wait = (ms: number) => new Promise((done) => setTimeout(done, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const conflicted = cancellationReasons(error).some((reason) => reason.Code === "TransactionConflict");
      if (!conflicted || attempt >= CONFLICT_ATTEMPTS) throw error;
      await wait(Math.random() * 20 * 2 ** attempt);
    }
  }
}
