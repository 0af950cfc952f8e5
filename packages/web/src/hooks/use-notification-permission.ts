"use client";

import { useEffect, useState } from "react";

export type AlertPermission = NotificationPermission | "unsupported";

function initialPermission(): AlertPermission {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}

/**
 * Whether the page may show notifications, kept up to date: the Permissions API tells of a
 * change made in the browser's site settings while the page is open (and, unlike
 * `Notification.permission`, says "granted" in headless Chromium when it is). `set` records an
 * answer to `Notification.requestPermission()`.
 */
export function useNotificationPermission() {
  const [permission, setPermission] = useState<AlertPermission>(initialPermission);
  useEffect(() => {
    if (!("Notification" in window) || !navigator.permissions) return;
    let status: PermissionStatus | undefined;
    let stopped = false;
    const read = () => {
      if (status) setPermission(status.state === "prompt" ? "default" : status.state);
    };
    navigator.permissions
      .query({ name: "notifications" })
      .then((answer) => {
        if (stopped) return;
        status = answer;
        read();
        status.addEventListener("change", read);
      })
      .catch(() => {
        // A browser that cannot be asked about notifications this way: Notification.permission stands.
      });
    return () => {
      stopped = true;
      status?.removeEventListener("change", read);
    };
  }, []);
  return [permission, setPermission] as const;
}
