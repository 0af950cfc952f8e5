// Key layout of the single table (see README, "Data model").
export const ROOM_LIST_PARTITION = "ROOMS";
export const MESSAGE_PREFIX = "MSG#";
export const MEMBER_PREFIX = "MEMBER#";
export const CONNECTION_PREFIX = "CONN#";
/** Sorts after every message id (ULIDs use Crockford base32). */
export const MESSAGE_UPPER_BOUND = `${MESSAGE_PREFIX}~`;

export const roomPk = (roomId: string) => `ROOM#${roomId}`;
export const roomKey = (roomId: string) => ({ pk: roomPk(roomId), sk: "META" });
export const memberKey = (roomId: string, connectionId: string) => ({
  pk: roomPk(roomId),
  sk: `${MEMBER_PREFIX}${connectionId}`,
});
export const connectionKey = (connectionId: string) => ({ pk: `${CONNECTION_PREFIX}${connectionId}`, sk: "META" });
export const messageSk = (messageId: string) => `${MESSAGE_PREFIX}${messageId}`;
export const addressLimitKey = (kind: string, address: string) => ({ pk: `LIMIT#${kind}#${address}`, sk: "META" });
