/**
 * The contract's limits (docs/api.md). Lengths are in Unicode code points,
 * counted after trimming; sizes are in bytes.
 */

/** Room name: 1..64 code points. */
export const MAX_ROOM_NAME_LENGTH = 64;
/** Display name: 1..32 code points. */
export const MAX_DISPLAY_NAME_LENGTH = 32;
/** Message text: non-blank, at most 2000 code points. */
export const MAX_MESSAGE_LENGTH = 2000;
/** `clientMessageId`: 1..64 code points. */
export const MAX_CLIENT_MESSAGE_ID_LENGTH = 64;
/** Room ids the server hands out match `[A-Za-z0-9_-]{1,64}`. */
export const MAX_ROOM_ID_LENGTH = 64;

/** `limit` of `GET /rooms` and `GET /rooms/{roomId}/messages`: 1..100, default 50. */
export const MIN_PAGE_LIMIT = 1;
export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;

/** A `POST /rooms` body larger than this is refused with 413 `too_large`. */
export const MAX_POST_BODY_BYTES = 16 * 1024;

/**
 * The longest a WebSocket frame waits for its answer, in seconds: API Gateway's integration
 * timeout. Past it API Gateway sends its own error frame instead, so no answer comes later. The
 * WebSocket functions stop a second before it (packages/functions/src/routes.ts).
 */
export const MAX_FRAME_ANSWER_SECONDS = 29;
