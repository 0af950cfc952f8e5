export type ErrorCode =
  | "invalid_request"
  | "not_found"
  | "too_large"
  | "unknown_action"
  | "rate_limited"
  | "unavailable";

/** An error the client caused, carrying the contract's error code. */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For rate_limited: when the client may try again (HTTP Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ChatError";
  }
}

export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  too_large: 413,
  unknown_action: 400,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * What a client is told when the server itself failed (its database is
 * unreachable, say): no detail of the failure, which goes to the log instead.
 */
export const unavailable = () => new ChatError("unavailable", "the chat is unavailable right now; try again shortly");

/** The error as the client may see it: itself when it is the client's, otherwise `unavailable`, logged. */
export function clientErrorOf(error: unknown, where: string): ChatError {
  if (error instanceof ChatError) return error;
  console.error(`${where} failed`, error);
  return unavailable();
}

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });
