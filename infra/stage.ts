import { stageThrottling } from "../packages/functions/src/routes";

/** An API's stage transform: every route throttled at the rates `stageThrottling` (routes.ts) gives its kind. */
export const throttledStage = (kind: keyof typeof stageThrottling) => ({
  stage: (args: aws.apigatewayv2.StageArgs): undefined => {
    args.defaultRouteSettings = { ...args.defaultRouteSettings, ...stageThrottling[kind] };
  },
});
