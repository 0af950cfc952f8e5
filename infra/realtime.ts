import { handlerPath, webSocketRoutes } from "../packages/functions/src/routes";
import { settings } from "./settings";
import { table } from "./storage";

export const chat = new sst.aws.ApiGatewayWebSocket("Chat");

for (const [route, file] of Object.entries(webSocketRoutes)) {
  chat.route(route, {
    handler: handlerPath("ws", file),
    // Linking the API to its own routes injects Resource.Chat.managementEndpoint
    // and grants execute-api:ManageConnections on it.
    link: [table, chat],
    environment: settings,
  });
}
