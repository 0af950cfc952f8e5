import { createRoom } from "@chat/core/rooms";
import { CreateRoomBody, parse } from "@chat/core/schemas";
import { jsonBody } from "./body";
import { httpHandler, json } from "./respond";

export const handler = httpHandler(async (event) => {
  const { name } = parse(CreateRoomBody, jsonBody(event));
  return json(201, { room: await createRoom(name) });
});
