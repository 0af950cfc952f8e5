// Product settings handed to every handler; override at deploy time from the shell.
export const settings = {
  ROOM_GRACE_SECONDS: process.env.ROOM_GRACE_SECONDS ?? "3600",
  MESSAGE_RETENTION_DAYS: process.env.MESSAGE_RETENTION_DAYS ?? "30",
};

// Timeout and memory per kind of function (README, "Function sizing").
export const functionSizing = {
  http: { timeout: "10 seconds", memory: "512 MB" },
  ws: { timeout: "29 seconds", memory: "1024 MB" },
} as const;
