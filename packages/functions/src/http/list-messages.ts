import { listMessages } from "@chat/core/messages";
import { ListMessagesQuery, parse } from "@chat/core/schemas";
import { httpHandler, json } from "./respond";

export const handler = httpHandler(async (event) => {
  const query = parse(ListMessagesQuery, event.queryStringParameters ?? {});
  const page = await listMessages(event.pathParameters?.roomId ?? "", query);
  return json(200, { messages: page.items, cursor: page.cursor });
});
