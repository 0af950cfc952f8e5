import { handlerPath, httpApiCors, httpRoutes } from "../packages/functions/src/routes";
import { accessFor } from "./access";
import { functionSizing, settings } from "./settings";
import { throttledStage } from "./stage";

const { maxAgeSeconds, ...cors } = httpApiCors;

export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: { ...cors, maxAge: `${maxAgeSeconds} seconds` as const },
  transform: throttledStage("http"),
});

for (const [route, fn] of Object.entries(httpRoutes)) {
  api.route(route, {
    handler: handlerPath("http", fn.file),
    ...accessFor(fn),
    ...functionSizing.http,
    environment: settings,
  });
}
