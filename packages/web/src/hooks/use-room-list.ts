"use client";

import { useCallback, useRef, useState } from "react";
import { useClientServices } from "@/components/ConfigProvider";
import type { Room } from "@/lib/schemas";
import { type StillActive, usePolling } from "./use-polling";

const REFRESH_INTERVAL_MS = 3_000;

function mergeRooms(firstPage: Room[], laterPages: Room[]): Room[] {
  const seen = new Set(firstPage.map((room) => room.id));
  return [...firstPage, ...laterPages.filter((room) => !seen.has(room.id))];
}

/** The room list, newest first: the first page refreshes by itself, older pages load on demand. */
export function useRoomList() {
  const { api } = useClientServices();
  const [firstPage, setFirstPage] = useState<Room[] | null>(null);
  const [laterPages, setLaterPages] = useState<Room[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadedMore, setLoadedMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One page at a time: a second click, or a search looking further, would load the same page twice.
  const loading = useRef(false);
  const [loadingMore, setLoadingMore] = useState(false);

  const refresh = useCallback(
    async (active: StillActive) => {
      try {
        const page = await api.listRooms();
        if (!active()) return false;
        setFirstPage(page.rooms);
        setCursor((current) => (loadedMore ? current : page.cursor));
        setError(null);
      } catch {
        if (active()) setError("Could not load the rooms. Retrying…");
      }
      return true;
    },
    [api, loadedMore],
  );
  usePolling(refresh, REFRESH_INTERVAL_MS);

  const loadMore = useCallback(async () => {
    if (!cursor || loading.current) return;
    loading.current = true;
    setLoadingMore(true);
    try {
      const page = await api.listRooms({ cursor });
      setLaterPages((current) => [...current, ...page.rooms]);
      setCursor(page.cursor);
      setLoadedMore(true);
    } catch {
      setError("Could not load more rooms.");
    } finally {
      loading.current = false;
      setLoadingMore(false);
    }
  }, [api, cursor]);

  return {
    rooms: firstPage === null ? null : mergeRooms(firstPage, laterPages),
    hasMore: cursor !== null,
    loadMore,
    loadingMore,
    error,
  };
}
