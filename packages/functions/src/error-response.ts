import { type ChatError, errorBody, httpStatusOf } from "@chat/core/errors";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/**
 * An error's response: its status and body, and when to retry a rate_limited
 * one. Also $connect's refusal: API Gateway refuses the handshake with this status.
 */
export function errorResponse(error: ChatError): APIGatewayProxyStructuredResultV2 {
  const retry: Record<string, string> =
    error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
  return {
    statusCode: httpStatusOf[error.code],
    headers: { ...JSON_HEADERS, ...retry },
    body: JSON.stringify(errorBody(error.code, error.message)),
  };
}
