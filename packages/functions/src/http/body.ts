import { ChatError } from "@chat/core/errors";
import { MAX_POST_BODY_BYTES } from "@chat/wire";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export const MAX_BODY_BYTES = MAX_POST_BODY_BYTES;

// Refuses malformed UTF-8 instead of turning it into U+FFFD.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The request's JSON body, refusing oversize and malformed bodies. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const raw = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
  if (raw.length > MAX_BODY_BYTES) {
    throw new ChatError("too_large", `body must be at most ${MAX_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(strictUtf8.decode(raw));
  } catch {
    throw new ChatError("invalid_request", "body must be valid JSON in UTF-8");
  }
}
