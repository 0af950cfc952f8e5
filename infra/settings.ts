// Product settings handed to every handler; override at deploy time from the shell.
export const settings = {
  ROOM_GRACE_SECONDS: process.env.ROOM_GRACE_SECONDS ?? "3600",
  MESSAGE_RETENTION_DAYS: process.env.MESSAGE_RETENTION_DAYS ?? "30",
};
