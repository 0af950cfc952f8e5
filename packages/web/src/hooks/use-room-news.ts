"use client";

import { useEffect, useState } from "react";
import { useClientServices } from "@/components/ConfigProvider";
import { loadLastRead } from "@/lib/last-read";
import { hasNewMessages } from "@/lib/room-news";
import { browserStorage } from "@/lib/tab-storage";

/**
 * The ids of the rooms among `roomIds` with messages this browser has not shown, asked of the
 * API once (each room's newest message). A room that cannot be asked about counts as without.
 */
export function useRoomNews(roomIds: readonly string[]): ReadonlySet<string> {
  const { api } = useClientServices();
  const [withNews, setWithNews] = useState<ReadonlySet<string>>(new Set());
  const key = roomIds.join("\n");
  // The effect depends on the ids through `key`: the array itself may be a new one at each render.
  useEffect(() => {
    let stopped = false;
    const ids = key === "" ? [] : key.split("\n");
    Promise.allSettled(
      ids.map(async (roomId) => {
        const page = await api.listMessages(roomId, {}, 1);
        return hasNewMessages(page.messages.at(-1)?.id, loadLastRead(browserStorage(), roomId)) ? [roomId] : [];
      }),
    ).then((results) => {
      if (stopped) return;
      setWithNews(new Set(results.flatMap((result) => (result.status === "fulfilled" ? result.value : []))));
    });
    return () => {
      stopped = true;
    };
  }, [api, key]);
  return withNews;
}
