import { type Handler, inProcessFunction } from "@chat/local/lambda";
import { startWebSocketEmulator } from "@chat/local/ws-emulator";

/**
 * The WebSocket emulator alone, with the given routes (and $connect
 * authorizer) and API Gateway's idle and 2-hour limits, on a port it picks
 * itself: for tests of the emulator's own behaviour, with handlers of their own.
 */
export function startWebSocketApi(
  routes: Record<string, Handler>,
  authorizer?: { handler: Handler; identitySources: string[] },
) {
  return startWebSocketEmulator({
    port: 0,
    idleTimeoutSeconds: 600,
    maxConnectionSeconds: 7200,
    handlers: Object.fromEntries(
      Object.entries(routes).map(([route, handler]) => [route, inProcessFunction(route, handler)]),
    ),
    authorizer: authorizer && {
      function: inProcessFunction("authorizer", authorizer.handler),
      identitySources: authorizer.identitySources,
    },
  });
}
