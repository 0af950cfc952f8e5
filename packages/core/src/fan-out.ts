import pLimit from "p-limit";
import { postToAll } from "./notifier";
import { leave, type Presence } from "./presence";
import { fanOutConcurrency, handshakeWindowMs } from "./settings";
import type { ServerFrame } from "./types";

// Up to this many departures found by one fan-out are announced with a `leave`
// frame each; more with one `presence` frame.
const LEAVES_ONE_BY_ONE = 3;

/**
 * Delivers a frame to the room's members (all but `exclude`). Members whose
 * connection is gone (410) are removed from the room and the others are told
 * they left; a stale connection never fails the delivery. A member still in
 * its handshake also answers 410, and is left alone.
 */
export async function deliver(
  frame: ServerFrame,
  members: Presence[],
  exclude?: string,
  now = Date.now(),
): Promise<void> {
  const recipients = members.filter((presence) => presence.connectionId !== exclude);
  const refused = new Set(
    await postToAll(
      recipients.map((r) => r.connectionId),
      frame,
    ),
  );
  const gone = new Set(
    recipients
      .filter((r) => refused.has(r.connectionId) && now - r.joinedAt > handshakeWindowMs)
      .map((r) => r.connectionId),
  );
  if (gone.size === 0) return;
  const remaining = members.filter((presence) => !gone.has(presence.connectionId));
  // Many members can go at once (a network drop): remove them side by side.
  const limit = pLimit(fanOutConcurrency());
  const removals = await Promise.all([...gone].map((connectionId) => limit(() => leave(connectionId))));
  const left = removals.flatMap((removal) => (removal ? [removal.member] : []));
  const count = remaining.length;
  if (left.length <= LEAVES_ONE_BY_ONE) {
    await Promise.all(left.map((member) => deliver({ type: "leave", member, members: count }, remaining)));
  } else {
    // One notice for all of them: S departures in a room of N cost N posts, not S × N.
    await deliver({ type: "presence", joined: [], left, members: count }, remaining);
  }
}
