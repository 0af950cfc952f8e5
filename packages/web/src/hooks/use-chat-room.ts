"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useClientServices } from "@/components/ConfigProvider";
import { ChatSession } from "@/lib/chat-session";
import { loadLastRead, saveLastRead } from "@/lib/last-read";
import { newestMessageId } from "@/lib/merge-messages";
import { randomId } from "@/lib/random-id";
import { initialRoomState, type PendingMessage, roomReducer } from "@/lib/room-state";
import { browserStorage, tabStorage } from "@/lib/tab-storage";
import { throttle } from "@/lib/throttle";
import { loadUnsent, saveUnsent } from "@/lib/unsent-messages";
import { loadYourIds, saveYourIds } from "@/lib/your-ids";
import { useUnreadTitle } from "./use-unread-title";

const TYPING_SEND_INTERVAL_MS = 2_000;

/** Live state of one room for one display name, plus the actions the room screen needs. */
export function useChatRoom(roomId: string, name: string) {
  const { api, wsUrl } = useClientServices();
  const [state, dispatch] = useReducer(roomReducer, initialRoomState);
  const sessionRef = useRef<ChatSession | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    const session = new ChatSession({
      wsUrl,
      api,
      roomId,
      name,
      onEvent: (event) => dispatch({ ...event, receivedAt: Date.now() }),
    });
    dispatch({ type: "restoreYourIds", ids: loadYourIds(tabStorage(), roomId) });
    dispatch({ type: "restoreLastRead", messageId: loadLastRead(browserStorage(), roomId) });
    const unsent = loadUnsent(tabStorage(), roomId);
    session.restore(unsent.filter((pending) => pending.failed === undefined));
    dispatch({ type: "restorePending", pending: unsent });
    sessionRef.current = session;
    // Deferred so that React's dev-mode mount/unmount/mount does not open and abort a socket.
    const startTimer = setTimeout(() => session.start(), 0);
    const reconnectNow = () => session.reconnectNow();
    window.addEventListener("online", reconnectNow);
    return () => {
      clearTimeout(startTimer);
      window.removeEventListener("online", reconnectNow);
      session.stop();
      sessionRef.current = null;
    };
  }, [api, wsUrl, roomId, name]);

  useUnreadTitle(state.unread, dispatch);

  // Keep what is not confirmed yet across a reload of the tab, once the last load's is back.
  useEffect(() => {
    if (state.pendingRestored) saveUnsent(tabStorage(), roomId, state.pending);
  }, [roomId, state.pending, state.pendingRestored]);

  useEffect(() => saveYourIds(tabStorage(), roomId, state.yourIds), [roomId, state.yourIds]);

  // What is shown while the page is looked at counts as read, for the "New" line of the next visit.
  const newestShown = state.hidden ? undefined : newestMessageId(state.messages);
  useEffect(() => {
    if (newestShown) saveLastRead(browserStorage(), roomId, newestShown);
  }, [roomId, newestShown]);

  // Hide "… is typing" once its time is up.
  useEffect(() => {
    const untils = Object.values(state.typing).map((entry) => entry.until);
    if (untils.length === 0) return;
    const wait = Math.max(0, Math.min(...untils) - Date.now()) + 50;
    const timer = setTimeout(() => dispatch({ type: "typingExpired", now: Date.now() }), wait);
    return () => clearTimeout(timer);
  }, [state.typing]);

  const notifyTyping = useMemo(() => throttle(() => sessionRef.current?.sendTyping(), TYPING_SEND_INTERVAL_MS), []);

  const send = useCallback(
    (text: string) => {
      const session = sessionRef.current;
      if (!session) return;
      // Pending before it is sent: the session tells where it was sent as it sends it (a
      // "sending" event), which is kept with the pending message for after a reload.
      const clientMessageId = randomId();
      dispatch({ type: "pending", pending: { clientMessageId, text, createdAt: new Date().toISOString() } });
      session.sendMessage(text, clientMessageId);
      // Others hide "… is typing" when the message arrives; the next keystroke should show it again.
      notifyTyping.reset();
    },
    [notifyTyping],
  );

  const retry = useCallback((pending: PendingMessage) => {
    const session = sessionRef.current;
    if (!session) return;
    session.retry(pending.clientMessageId, pending.text);
    dispatch({ type: "retryPending", clientMessageId: pending.clientMessageId });
  }, []);
  const discard = useCallback(
    (pending: PendingMessage) => dispatch({ type: "discardPending", clientMessageId: pending.clientMessageId }),
    [],
  );

  const olderCursor = state.olderCursor;
  const loadOlder = useCallback(async () => {
    if (olderCursor === null || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await api.listMessages(roomId, { before: olderCursor });
      dispatch({ type: "olderPage", messages: page.messages, cursor: page.cursor });
    } catch {
      // Leave the cursor as it is; scrolling up again retries.
    } finally {
      setLoadingOlder(false);
    }
  }, [api, roomId, olderCursor, loadingOlder]);

  const dismissServerError = useCallback(() => dispatch({ type: "dismissServerError" }), []);

  return { state, send, retry, discard, notifyTyping, loadOlder, loadingOlder, dismissServerError };
}
