"use client";

import { useEffect, useState } from "react";

export type AlertPermission = NotificationPermission | "unsupported";

/**
 * Where a page may not notify at all: no Notification API, or not a secure context (plain http
 * from another machine), where browsers refuse without asking, which would read as "blocked".
 */
export function permissionIn(scope: {
  isSecureContext?: boolean;
  Notification?: { permission: NotificationPermission };
}): AlertPermission {
  if (!scope.Notification || scope.isSecureContext === false) return "unsupported";
  return scope.Notification.permission;
}

const initialPermission = (): AlertPermission => (typeof window === "undefined" ? "unsupported" : permissionIn(window));

/**
 * Whether the page may show notifications, kept up to date: the Permissions API tells of a
 * change made in the browser's site settings while the page is open (and, unlike
 * `Notification.permission`, says "granted" in headless Chromium when it is). `set` records an
 * answer to `Notification.requestPermission()`.
 */
export function useNotificationPermission() {
  const [permission, setPermission] = useState<AlertPermission>(initialPermission);
  useEffect(() => {
    if (permissionIn(window) === "unsupported" || !navigator.permissions) return;
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
