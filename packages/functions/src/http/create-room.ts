import { CreateRoomBody, parse } from "@chat/core/schemas";
import { openRoom } from "@chat/core/use-cases/open-room";
import { jsonBody } from "./body";
import { httpHandler, json } from "./respond";

export const handler = httpHandler(async (event) => {
  const { name } = parse(CreateRoomBody, jsonBody(event));
  return json(201, { room: await openRoom(name, event.requestContext.http.sourceIp) });
});
