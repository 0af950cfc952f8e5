import pLimit from "p-limit";
import { postToAll } from "./notifier";
import { leave, type Presence } from "./presence";
import { fanOutConcurrency, handshakeWindowMs } from "./settings";
import type { ServerFrame } from "./types";

// Each announcement is itself a fan-out of up to FAN_OUT_CONCURRENCY posts.
const ANNOUNCEMENTS_AT_ONCE = 4;

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
  const refused = new Set(await postToAll(recipients.map((r) => r.connectionId), frame));
  const gone = new Set(
    recipients
      .filter((r) => refused.has(r.connectionId) && now - r.joinedAt > handshakeWindowMs)
      .map((r) => r.connectionId),
  );
  if (gone.size === 0) return;
  const remaining = members.filter((presence) => !gone.has(presence.connectionId));
  // Many members can go at once (a network drop): remove them side by side, then
  // announce each departure with the count after all of them.
  const limit = pLimit(fanOutConcurrency());
  const departures = await Promise.all([...gone].map((connectionId) => limit(() => leave(connectionId))));
  const announce = pLimit(ANNOUNCEMENTS_AT_ONCE);
  await Promise.all(
    departures.map(
      (left) =>
        left &&
        announce(() => deliver({ type: "leave", member: left.member, members: remaining.length }, remaining)),
    ),
  );
}
