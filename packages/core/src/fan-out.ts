import { postToAll } from "./notifier";
import { leave, type Presence } from "./presence";
import type { ServerFrame } from "./types";

/**
 * Delivers a frame to the room's members (all but `exclude`). Members whose
 * connection is gone (410) are removed from the room and the others are told
 * they left; a stale connection never fails the delivery.
 */
export async function deliver(
  frame: ServerFrame,
  members: Presence[],
  exclude?: string,
): Promise<void> {
  const recipients = members.filter((presence) => presence.connectionId !== exclude);
  const gone = new Set(await postToAll(recipients.map((r) => r.connectionId), frame));
  if (gone.size === 0) return;
  const remaining = members.filter((presence) => !gone.has(presence.connectionId));
  for (const connectionId of gone) {
    const left = await leave(connectionId);
    if (left) {
      await deliver({ type: "leave", member: left.member, members: remaining.length }, remaining);
    }
  }
}
