const MAX_SHOWN = 99;

/** The tab's title with how many messages came in unseen: "(3) Lobby · Chat", "(99+) …", or as it was. */
export function titleWithUnread(base: string, unread: number): string {
  if (unread <= 0) return base;
  return `(${unread > MAX_SHOWN ? `${MAX_SHOWN}+` : unread}) ${base}`;
}
