import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, isConditionFailure, tableName, updateIfCondition } from "./db";
import { roomKey } from "./keys";
import { presenceMaxGapMs } from "./settings";

const MIN_GAP_MS = 1000;
// How late a waiting notice is told after its turn opens: its DelaySeconds is
// rounded up to whole seconds, then it waits for the batching window (1 s) and
// an invocation. A turn taken within the gap and this is still a busy room.
const TOLD_LATE_MS = 3000;

/** The last notice's pacing, as the room item holds it. */
export interface Pace {
  nextAt: number;
  gapMs: number;
}

/**
 * The gap after a notice told at `now`: twice the last one while notices keep
 * coming (this turn was taken within one gap, and the queue's lateness, of
 * opening), up to the most allowed; 1 s after a quiet spell or for a room's
 * first notice.
 */
export function nextGapMs(last: Pace | undefined, now: number, maxGapMs = presenceMaxGapMs()): number {
  if (!last || now - last.nextAt > last.gapMs + TOLD_LATE_MS) return Math.min(MIN_GAP_MS, maxGapMs);
  return Math.min(maxGapMs, Math.max(MIN_GAP_MS, last.gapMs * 2));
}

// A batched room hears presence at most once per gap, whatever the batches'
// timing: the room item holds when the next notice may go (`presenceNextAt`,
// epoch ms) and the gap before it (`presenceGapMs`). Notices that come too soon
// wait on the queue (DelaySeconds) and are told together with the others then.
// The gap doubles while notices keep coming, so a room filling for T seconds
// hears about log2(T) notices, the later ones when it is fuller: about two
// posts per member in all, however slowly it fills.

// Held from the claim until the real gap is set, the next request (presence-notices.ts
// sets it before telling): a subscriber that dies in between delays the room's next
// notice by this much at most, and a notice that meets the claim waits this long.
const CLAIM_MS = 1000;
// SQS's longest delay.
const MAX_DELAY_SECONDS = 900;

// The end of a burst is told without waiting for the turn: once no join or leave
// has changed the room (`presenceChangedAt`, set by their transactions) for
// QUIET_MS, a notice goes early if it carries at least one change per
// EARLY_MEMBERS_PER_CHANGE members (so a trickle of single joins into a big room
// still waits for its turn). Notices that could go early look again this often.
const QUIET_MS = 500;
const EARLY_MEMBERS_PER_CHANGE = 16;
const RECHECK_SECONDS = 1;

/** The turn, with the gap to leave after it; or how long to wait for one. */
export type PresenceTurn = { turn: true; gapMs: number } | { turn: false; waitSeconds: number };

/**
 * Claims the room's next presence notice, telling `changes` arrivals and
 * departures, or says in how many seconds to try again.
 */
export async function claimPresenceTurn(roomId: string, changes: number, now = Date.now()): Promise<PresenceTurn> {
  const earlyUpTo = changes * EARLY_MEMBERS_PER_CHANGE;
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: roomKey(roomId),
        UpdateExpression: "SET presenceNextAt = :claimedUntil",
        ConditionExpression:
          "attribute_exists(pk) AND (attribute_not_exists(presenceNextAt) OR presenceNextAt <= :now" +
          " OR (presenceChangedAt <= :quietSince AND members <= :earlyUpTo))",
        ExpressionAttributeValues: {
          ":now": now,
          ":claimedUntil": now + CLAIM_MS,
          ":quietSince": now - QUIET_MS,
          ":earlyUpTo": earlyUpTo,
        },
        ReturnValues: "ALL_OLD",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    const last =
      typeof Attributes?.presenceNextAt === "number" && typeof Attributes.presenceGapMs === "number"
        ? { nextAt: Attributes.presenceNextAt, gapMs: Attributes.presenceGapMs }
        : undefined;
    return { turn: true, gapMs: nextGapMs(last, now) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = (error as { Item?: Record<string, AttributeValue> }).Item;
    // The room itself is gone: whoever is still in it is told at once.
    if (!old) return { turn: true, gapMs: nextGapMs(undefined, now) };
    const room = unmarshall(old);
    const untilTurn = Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil((Number(room.presenceNextAt) - now) / 1000)));
    const mayGoEarly = Number(room.members) <= earlyUpTo;
    return { turn: false, waitSeconds: mayGoEarly ? Math.min(untilTurn, RECHECK_SECONDS) : untilTurn };
  }
}

/** For a notice told at `toldAt`: the room's next one may go one gap later. */
export async function setNextPresenceTurn(roomId: string, toldAt: number, gapMs: number): Promise<void> {
  await updateIfCondition({
    Key: roomKey(roomId),
    UpdateExpression: "SET presenceNextAt = :at, presenceGapMs = :gap",
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeValues: { ":at": toldAt + gapMs, ":gap": gapMs },
  });
}
