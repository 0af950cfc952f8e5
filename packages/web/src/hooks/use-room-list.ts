"use client";

import { useCallback, useRef, useState } from "react";
import { useClientServices } from "@/components/ConfigProvider";
import { type ListedRooms, withFirstPage, withOlderPage } from "@/lib/room-pages";
import { type StillActive, usePolling } from "./use-polling";

const REFRESH_INTERVAL_MS = 3_000;

/** The room list, newest first: the first page refreshes by itself, older pages load on demand. */
export function useRoomList() {
  const { api } = useClientServices();
  const [listed, setListed] = useState<ListedRooms | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One page at a time: a second click, or a search looking further, would load the same page twice.
  const loading = useRef(false);
  const [loadingMore, setLoadingMore] = useState(false);

  const refresh = useCallback(
    async (active: StillActive) => {
      try {
        const page = await api.listRooms();
        if (!active()) return false;
        setListed((current) => withFirstPage(current, page));
        setError(null);
      } catch {
        if (active()) setError("Could not load the rooms. Retrying…");
      }
      return true;
    },
    [api],
  );
  usePolling(refresh, REFRESH_INTERVAL_MS);

  const cursor = listed?.cursor ?? null;
  const loadMore = useCallback(async () => {
    if (!cursor || loading.current) return;
    loading.current = true;
    setLoadingMore(true);
    try {
      const page = await api.listRooms({ cursor });
      setListed((current) => (current ? withOlderPage(current, page) : current));
    } catch {
      setError("Could not load more rooms.");
    } finally {
      loading.current = false;
      setLoadingMore(false);
    }
  }, [api, cursor]);

  return {
    rooms: listed?.rooms ?? null,
    hasMore: cursor !== null,
    loadMore,
    loadingMore,
    error,
  };
}
