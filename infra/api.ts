import { handlerPath, httpRoutes } from "../packages/functions/src/routes";
import { settings } from "./settings";
import { table } from "./storage";

export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: {
    allowOrigins: ["*"],
    allowMethods: ["GET", "POST"],
    allowHeaders: ["content-type"],
  },
});

for (const [route, file] of Object.entries(httpRoutes)) {
  api.route(route, {
    handler: handlerPath("http", file),
    link: [table],
    environment: settings,
  });
}
