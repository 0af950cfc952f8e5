import { listRooms } from "@chat/core/rooms";
import { ListRoomsQuery, parse } from "@chat/core/schemas";
import { httpHandler, json } from "./respond";

export const handler = httpHandler(async (event) => {
  const query = parse(ListRoomsQuery, event.queryStringParameters ?? {});
  const page = await listRooms(query);
  return json(200, { rooms: page.items, cursor: page.cursor });
});
