import { ApiError } from "./api-client";

/** "in 45 seconds", "in 10 minutes": a wait as people say it, rounded up. */
export function inTime(seconds: number): string {
  if (seconds < 1) return "in a moment";
  if (seconds < 60) return `in ${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The server's message as a sentence: a capital first, a full stop last. */
const asSentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/** What the create-room form says when the room was not created. */
export function roomCreationError(error: unknown): string {
  if (!(error instanceof ApiError)) return "Could not reach the server. Please try again.";
  if (error.code === "rate_limited") {
    const when = error.retryAfterSeconds === undefined ? "later" : inTime(error.retryAfterSeconds);
    return `You have made several rooms in a short time. You can make another ${when}.`;
  }
  return asSentence(error.message);
}
