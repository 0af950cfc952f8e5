"use client";

import { useEffect, useRef, useState } from "react";
import { alertFor, loadMentionAlerts, mentionsToAlert, saveMentionAlerts } from "@/lib/mention-alerts";
import type { RoomState } from "@/lib/room-state";
import { browserStorage } from "@/lib/tab-storage";
import { useNotificationPermission } from "./use-notification-permission";

/**
 * A system notification for each message that mentions you while the room's tab is in the
 * background, once this browser has turned them on (kept in its storage) and allowed them.
 * Clicking one brings the tab to the front.
 */
export function useMentionAlerts(state: RoomState, roomName: string) {
  const [wanted, setWanted] = useState(() => loadMentionAlerts(browserStorage()));
  const [permission, setPermission] = useNotificationPermission();
  const [asking, setAsking] = useState(false);
  const told = useRef(new Set<string>());
  const on = wanted && permission === "granted";
  const { members, messages, hidden, unreadFrom, you, yourIds } = state;

  useEffect(() => {
    for (const message of mentionsToAlert({ members, messages, hidden, unreadFrom, you, yourIds }, on, told.current)) {
      const { title, ...options } = alertFor(message, roomName);
      try {
        const notification = new Notification(title, options);
        notification.onclick = () => {
          window.focus();
          notification.close();
        };
      } catch {
        // Where pages may only notify through a service worker (Chrome on Android): no alert.
      }
    }
  }, [on, members, messages, hidden, unreadFrom, you, yourIds, roomName]);

  /**
   * Turns the alerts on (asking the browser's permission first, if it has not decided yet; the
   * box shows as ticked meanwhile) or off.
   */
  async function turn(next: boolean) {
    if (next && permission !== "unsupported") {
      setAsking(true);
      try {
        // Answers at once, without asking again, where the browser has already decided.
        const answer = await Notification.requestPermission();
        setPermission(answer);
        if (answer !== "granted") return;
      } finally {
        setAsking(false);
      }
    }
    setWanted(next);
    saveMentionAlerts(browserStorage(), next);
  }

  return { permission, on, ticked: on || asking, turn };
}
