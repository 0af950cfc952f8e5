import { ChatError } from "@chat/core/errors";
import { httpHandler } from "./respond";

export const handler = httpHandler(async (event) => {
  throw new ChatError("not_found", `no route for ${event.requestContext.http.method} ${event.rawPath}`);
});
