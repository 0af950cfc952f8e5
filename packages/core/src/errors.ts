export type ErrorCode =
  | "invalid_request"
  | "not_found"
  | "too_large"
  | "unknown_action"
  | "rate_limited";

/** An error the client caused, carrying the contract's error code. */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
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
};

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });
