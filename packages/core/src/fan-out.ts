import { postToAll } from "./notifier";
import { leave, type Presence } from "./presence";
import { handshakeWindowMs } from "./settings";
import type { ServerFrame } from "./types";

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
  for (const connectionId of gone) {
    const left = await leave(connectionId);
    if (left) {
      await deliver({ type: "leave", member: left.member, members: remaining.length }, remaining);
    }
  }
}
