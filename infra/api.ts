import { handlerPath, httpRoutes } from "../packages/functions/src/routes";
import { accessFor } from "./access";
import { functionSizing, settings } from "./settings";

export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: {
    allowOrigins: ["*"],
    allowMethods: ["GET", "POST"],
    allowHeaders: ["content-type"],
  },
});

for (const [route, fn] of Object.entries(httpRoutes)) {
  api.route(route, {
    handler: handlerPath("http", fn.file),
    ...accessFor(fn),
    ...functionSizing.http,
    environment: settings,
  });
}
