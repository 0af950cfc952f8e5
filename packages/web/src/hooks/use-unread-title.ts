"use client";

import { type Dispatch, useEffect, useRef } from "react";
import type { RoomAction } from "@/lib/room-state";
import { titleWithUnread } from "@/lib/unread-title";

/**
 * Tells the room's state whether the page is being looked at, and shows in the tab's title how
 * many messages from others came in meanwhile, as chat apps do ("(3) Lobby · Chat").
 */
export function useUnreadTitle(unread: number, dispatch: Dispatch<RoomAction>) {
  useEffect(() => {
    const report = () => dispatch({ type: "visibility", hidden: document.visibilityState === "hidden" });
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [dispatch]);

  const baseTitle = useRef<string | null>(null);
  useEffect(() => {
    baseTitle.current ??= document.title;
    document.title = titleWithUnread(baseTitle.current, unread);
  }, [unread]);
  useEffect(
    () => () => {
      if (baseTitle.current !== null) document.title = baseTitle.current;
    },
    [],
  );
}
