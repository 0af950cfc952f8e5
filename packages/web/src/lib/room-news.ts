/**
 * Whether a room this browser was in has messages it has not shown: its newest message is newer
 * than the last one shown there (last-read.ts). None shown yet means any message came since the
 * visit, as one shown would have been recorded.
 */
export function hasNewMessages(newestId: string | undefined, lastReadId: string | null): boolean {
  return newestId !== undefined && (lastReadId === null || newestId > lastReadId);
}
