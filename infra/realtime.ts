import { handlerPath, webSocketRoutes } from "../packages/functions/src/routes";
import { accessFor } from "./access";
import { functionSizing, settings } from "./settings";

export const chat = new sst.aws.ApiGatewayWebSocket("Chat");

for (const [route, fn] of Object.entries(webSocketRoutes)) {
  chat.route(route, {
    handler: handlerPath("ws", fn.file),
    ...accessFor(fn, chat),
    ...functionSizing.ws,
    environment: settings,
  });
}
