import * as v from "valibot";
import { MAX_ROOM_ID_LENGTH } from "./limits";

/** Ids this server hands out; anything else cannot name a room. */
export const RoomId = v.pipe(v.string(), v.regex(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_ROOM_ID_LENGTH}}$`)));

/** A message id: a 26-character ULID (Crockford base32), so ids sort in acceptance order. */
export const MessageId = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a message id"));
