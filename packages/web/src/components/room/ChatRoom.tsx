"use client";

import type { Room } from "@chat/wire";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useChatRoom } from "@/hooks/use-chat-room";
import { useMentionAlerts } from "@/hooks/use-mention-alerts";
import { knownNames, namesExtending } from "@/lib/mentions";
import { replyTo } from "@/lib/quotes";
import { rememberRoom } from "@/lib/recent-rooms";
import { isYours } from "@/lib/room-state";
import { browserStorage } from "@/lib/tab-storage";
import { buildTimeline } from "@/lib/timeline";
import { QuietButton } from "../QuietButton";
import { ChangeNameForm } from "./ChangeNameForm";
import { Composer, type ComposerHandle } from "./Composer";
import { ConnectionStatus } from "./ConnectionStatus";
import { CopyLinkButton } from "./CopyLinkButton";
import { MembersPanel } from "./MembersPanel";
import { MentionAlertsToggle } from "./MentionAlertsToggle";
import { MessageLog } from "./MessageLog";
import { RoomNotFound } from "./RoomNotFound";
import { ServerErrorLine } from "./ServerErrorLine";
import { TypingIndicator } from "./TypingIndicator";

/** The room under one display name; `onRename` gets another one picked here (the session then starts again under it). */
export function ChatRoom({ room, name, onRename }: { room: Room; name: string; onRename: (name: string) => void }) {
  const [renaming, setRenaming] = useState(false);
  const changeNameButton = useRef<HTMLButtonElement>(null);
  // The form goes away: the focus goes back to the button that opened it.
  const closeRenaming = () => {
    setRenaming(false);
    changeNameButton.current?.focus();
  };
  const composer = useRef<ComposerHandle>(null);
  useEffect(() => rememberRoom(browserStorage(), { id: room.id, name: room.name }), [room.id, room.name]);
  const { state, send, retry, discard, notifyTyping, loadOlder, loadingOlder, dismissServerError } = useChatRoom(
    room.id,
    name,
  );
  const roomName = state.room?.name ?? room.name;
  const alerts = useMentionAlerts(state, roomName);
  if (state.status === "not_found") return <RoomNotFound unsent={state.pending} />;

  const youId = state.you?.id;
  const youName = state.you?.name ?? name;
  const timeline = buildTimeline(state);
  const typingNames = Object.values(state.typing).map((entry) => entry.name);
  const otherNames = state.members.filter((member) => member.id !== youId).map((member) => member.name);

  return (
    <div className="mx-auto flex h-dvh w-full max-w-5xl flex-col gap-2 px-2 py-2 sm:gap-3 sm:px-4 sm:py-4">
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <div className="flex min-w-0 items-baseline gap-3">
          <Link href="/rooms" className="shrink-0 text-sm font-medium text-accent hover:underline">
            ← Rooms
          </Link>
          <h1 className="min-w-0 text-xl font-bold [overflow-wrap:anywhere] sm:text-2xl">{roomName}</h1>
        </div>
        <div className="flex items-center gap-3">
          <CopyLinkButton />
          <QuietButton ref={changeNameButton} onClick={() => setRenaming(true)} aria-expanded={renaming}>
            Change name
          </QuietButton>
          <ConnectionStatus status={state.status} />
        </div>
      </header>
      {renaming ? (
        <ChangeNameForm
          current={name}
          onChange={(chosen) => {
            closeRenaming();
            onRename(chosen);
          }}
          onCancel={closeRenaming}
        />
      ) : null}
      <div className="flex min-h-0 flex-1 flex-col gap-2 md:flex-row md:gap-4">
        <aside className="flex shrink-0 flex-col gap-2 rounded-lg border border-line bg-surface p-2 md:order-2 md:w-56 md:p-3">
          <MembersPanel members={state.members} count={state.memberCount} youId={youId} />
          <MentionAlertsToggle
            permission={alerts.permission}
            on={alerts.ticked}
            onTurn={(on) => void alerts.turn(on)}
          />
        </aside>
        <main className="flex min-h-0 min-w-0 flex-1 flex-col gap-1">
          <MessageLog
            items={timeline}
            isOwn={(message) => isYours(state, message)}
            onReply={(message) => composer.current?.startReply(replyTo(message, !isYours(state, message)))}
            onKeyboardJump={() => composer.current?.focus()}
            youName={youName}
            longerNames={namesExtending(youName, knownNames(state))}
            historyLoaded={state.historyLoaded}
            hasOlder={state.olderCursor !== null}
            loadingOlder={loadingOlder}
            onLoadOlder={() => void loadOlder()}
            pendingActions={{ retry, discard }}
          />
          <TypingIndicator names={typingNames} />
          {state.serverError ? <ServerErrorLine message={state.serverError} onDismiss={dismissServerError} /> : null}
          <Composer ref={composer} roomId={room.id} names={otherNames} onSend={send} onTyping={notifyTyping} />
        </main>
      </div>
    </div>
  );
}
