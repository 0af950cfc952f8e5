import pLimit from "p-limit";
import { postToAll } from "./notifier";
import { leave, membersIfAtMost, type Presence } from "./presence";
import { announce, queueShards } from "./queue-messages";
import { fanOutConcurrency, fanOutSharding, handshakeWindowMs, presenceBatchAbove } from "./settings";
import type { Member, ServerFrame } from "./types";

// Up to this many departures found by one fan-out are announced with a `leave`
// frame each; more with one `presence` frame.
const LEAVES_ONE_BY_ONE = 3;

/**
 * Delivers a frame to the room's members (all but `exclude`). Above the
 * sharding size, the recipients are split into shards that parallel
 * invocations post (the FanOut queue). Members whose connection is gone (410)
 * are removed from the room and the others are told they left; a stale
 * connection never fails the delivery. A member still in its handshake also
 * answers 410, and is left alone.
 */
export async function deliver(
  roomId: string,
  frame: ServerFrame,
  members: Presence[],
  exclude?: string,
  now = Date.now(),
): Promise<void> {
  const recipients = members.filter((presence) => presence.connectionId !== exclude);
  const sharding = fanOutSharding();
  if (recipients.length > sharding.above) {
    const shards = [];
    for (let start = 0; start < recipients.length; start += sharding.size) {
      shards.push({ roomId, frame, recipients: recipients.slice(start, start + sharding.size) });
    }
    await queueShards(shards);
    return;
  }
  const gone = await postFindingGone(frame, recipients, now);
  if (gone.length === 0) return;
  const left = await removeAll(roomId, gone);
  const goneIds = new Set(gone.map((presence) => presence.connectionId));
  const remaining = members.filter((presence) => !goneIds.has(presence.connectionId));
  await announceDepartures(roomId, left, remaining);
}

/**
 * Posts a frame to a shard's recipients, then removes and announces (batched)
 * those gone. Once it has posted it never fails: the queue would deliver the
 * shard again and every recipient would get the frame twice. A gone member it
 * could not remove is found again by the room's next delivery.
 */
export async function deliverShard(
  { roomId, frame, recipients }: { roomId: string; frame: ServerFrame; recipients: Presence[] },
  now = Date.now(),
): Promise<void> {
  const gone = await postFindingGone(frame, recipients, now);
  if (gone.length === 0) return;
  try {
    const left = await removeAll(roomId, gone);
    if (left.length > 0) await announce(left.map((member) => ({ roomId, left: member })));
  } catch (error) {
    console.error(`a shard of room ${roomId} is posted, but removing its ${gone.length} gone members failed`, error);
  }
}

/** The recipients whose connection is gone: refused (410), and past their handshake. */
async function postFindingGone(frame: ServerFrame, recipients: Presence[], now: number): Promise<Presence[]> {
  const refused = new Set(
    await postToAll(
      recipients.map((r) => r.connectionId),
      frame,
    ),
  );
  return recipients.filter((r) => refused.has(r.connectionId) && now - r.joinedAt > handshakeWindowMs);
}

/**
 * Removes gone members side by side (many can go at once: a network drop), from the room they
 * were found in; returns those this call removed.
 */
async function removeAll(roomId: string, gone: Presence[]): Promise<Member[]> {
  const limit = pLimit(fanOutConcurrency());
  const removals = await Promise.all(
    gone.map(({ connectionId, member }) => limit(() => leave(connectionId, Date.now(), { roomId, member }))),
  );
  return removals.flatMap((removal) => (removal ? [removal.member] : []));
}

/**
 * Tells the remaining members who left: in a big room through the Presence
 * queue (batched with the room's other notices); otherwise at once, a `leave`
 * each for a few, one `presence` frame for more (S departures in a room of N
 * cost N posts, not S × N).
 */
async function announceDepartures(roomId: string, left: Member[], remaining: Presence[]): Promise<void> {
  if (left.length === 0) return;
  const batched = () => announce(left.map((member) => ({ roomId, left: member })));
  if (remaining.length > presenceBatchAbove()) return batched();
  // Counted again after the removals, and stamped as any join or leave is: the delivery's own
  // read is older than notices the members may have applied already.
  const countedAt = Date.now();
  const members = await membersIfAtMost(roomId, presenceBatchAbove());
  if (!members) return batched();
  const count = members.length;
  if (left.length <= LEAVES_ONE_BY_ONE) {
    await Promise.all(
      left.map((member) => deliver(roomId, { type: "leave", member, members: count, countedAt }, members)),
    );
  } else {
    await deliver(roomId, { type: "presence", joined: [], left, members: count, countedAt }, members);
  }
}
