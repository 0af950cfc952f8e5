"use client";

import { useEffect } from "react";
import { forgetRoom } from "@/lib/recent-rooms";
import { browserStorage } from "@/lib/tab-storage";

const ROOM_PATH = /^\/rooms\/([^/]+)$/;

/** Shown at a gone room's own address: takes that room off the start page's recent rooms. */
export function ForgetGoneRoom() {
  useEffect(() => {
    const roomId = ROOM_PATH.exec(window.location.pathname)?.[1];
    if (roomId) forgetRoom(browserStorage(), decodeURIComponent(roomId));
  }, []);
  return null;
}
