/**
 * Whether a process with this id runs now (signal 0 only checks; EPERM means it
 * runs under another user). A pid may have been reused: callers for whom that
 * matters compare start times as well (pidfile.ts).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
