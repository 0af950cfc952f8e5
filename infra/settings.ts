// Product settings handed to every handler; override at deploy time from the shell.
export const settings = {
  ROOM_GRACE_SECONDS: process.env.ROOM_GRACE_SECONDS ?? "3600",
  MESSAGE_RETENTION_DAYS: process.env.MESSAGE_RETENTION_DAYS ?? "30",
  CONNECT_LIMIT_PER_ADDRESS: process.env.CONNECT_LIMIT_PER_ADDRESS ?? "30",
  ROOM_LIMIT_PER_ADDRESS: process.env.ROOM_LIMIT_PER_ADDRESS ?? "10",
};

// Timeout and memory per kind of function, from the bench's worst case
// (README, "Function sizing").
export const functionSizing = {
  http: { timeout: "5 seconds", memory: "512 MB" },
  ws: { timeout: "29 seconds", memory: "1024 MB" },
} as const;
