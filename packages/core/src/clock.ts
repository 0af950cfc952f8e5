export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
export const isoTime = (ms: number) => new Date(ms).toISOString();
