import { MAX_BODY_BYTES } from "@chat/functions/http/body";

/**
 * The most body bytes each HTTP route's handler reads. The emulator buffers
 * at most this plus one byte for such a route (enough for the handler to see
 * that a body is too large and answer its own 413 too_large); a GET route or
 * $default reads no body, so theirs is drained unbuffered. A route not listed
 * with another method gets up to API Gateway's 10 MB.
 */
export const HANDLER_BODY_BYTES: Readonly<Record<string, number>> = {
  "POST /rooms": MAX_BODY_BYTES,
};
