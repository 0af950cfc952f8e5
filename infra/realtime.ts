import { connectAuthorizer, handlerPath, webSocketRoutes } from "../packages/functions/src/routes";
import { accessFor } from "./access";
import { functionSizing, settings } from "./settings";

export const chat = new sst.aws.ApiGatewayWebSocket("Chat");

// Names each connection at $connect; API Gateway hands its context to every later event.
const join = chat.addAuthorizer("Join", {
  lambda: {
    function: {
      handler: handlerPath("ws", connectAuthorizer.file),
      ...accessFor(connectAuthorizer),
      ...functionSizing.ws,
      environment: settings,
    },
    identitySources: [...connectAuthorizer.identitySources],
  },
});

for (const [route, fn] of Object.entries(webSocketRoutes)) {
  chat.route(
    route,
    { handler: handlerPath("ws", fn.file), ...accessFor(fn, chat), ...functionSizing.ws, environment: settings },
    route === "$connect" ? { auth: { lambda: join.id } } : {},
  );
}
