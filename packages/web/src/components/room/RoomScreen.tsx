"use client";

import { useCallback, useEffect, useState } from "react";
import { type StillActive, usePolling } from "@/hooks/use-polling";
import { loadDisplayName, saveDisplayName } from "@/lib/display-name";
import type { Room } from "@/lib/schemas";
import { useClientServices } from "../ConfigProvider";
import { PageShell } from "../PageShell";
import { ChatRoom } from "./ChatRoom";
import { DisplayNameForm } from "./DisplayNameForm";
import { RoomNotFound } from "./RoomNotFound";

type RoomLookup = { state: "loading" } | { state: "found"; room: Room } | { state: "missing" } | { state: "failed" };

const RETRY_LOOKUP_MS = 3_000;

/**
 * Asks for a display name if there is none yet, then opens the chat. The server page hands the
 * room over (and answers 404 itself for an unknown one); when it could not reach the API, the
 * room is looked up here, again every few seconds until it answers.
 */
export function RoomScreen({ roomId, room }: { roomId: string; room?: Room }) {
  const { api } = useClientServices();
  const [lookup, setLookup] = useState<RoomLookup>(room ? { state: "found", room } : { state: "loading" });
  const known = lookup.state === "found";
  const [name, setName] = useState<string | null | undefined>(undefined);

  useEffect(() => setName(loadDisplayName()), []);

  const find = useCallback(
    async (active: StillActive) => {
      if (known) return false;
      try {
        const found = await api.getRoom(roomId);
        if (active()) setLookup(found ? { state: "found", room: found } : { state: "missing" });
        return false;
      } catch {
        if (active()) setLookup({ state: "failed" });
        return true;
      }
    },
    [api, roomId, known],
  );
  usePolling(find, RETRY_LOOKUP_MS);

  if (lookup.state === "missing") return <RoomNotFound />;
  if (lookup.state !== "found" || name === undefined) {
    return (
      <PageShell title="Loading room…">
        {lookup.state === "failed" ? (
          <p role="status" className="text-ink-soft">
            Cannot reach the server. Retrying…
          </p>
        ) : null}
      </PageShell>
    );
  }
  const chooseName = (chosen: string) => {
    saveDisplayName(chosen);
    setName(chosen);
  };
  if (name === null) {
    return (
      <PageShell title={lookup.room.name}>
        <p className="text-ink-soft">Choose the name others will see. It is remembered in this browser.</p>
        <DisplayNameForm submitLabel="Join" onChoose={chooseName} />
      </PageShell>
    );
  }
  return <ChatRoom room={lookup.room} name={name} onRename={chooseName} />;
}
