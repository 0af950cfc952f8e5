import { getRoom } from "@chat/core/rooms";
import { httpHandler, json } from "./respond";

export const handler = httpHandler(async (event) => {
  return json(200, { room: await getRoom(event.pathParameters?.roomId ?? "") });
});
