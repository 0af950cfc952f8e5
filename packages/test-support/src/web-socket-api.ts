import { type Handler, inProcessFunction } from "@chat/local/lambda";
import { startWebSocketEmulator } from "@chat/local/ws-emulator";

type EmulatorOptions = Parameters<typeof startWebSocketEmulator>[0];

/**
 * The WebSocket emulator alone, with the given routes (and $connect
 * authorizer) and API Gateway's limits unless `options` change them, on a port it picks
 * itself: for tests of the emulator's own behaviour, with handlers of their own.
 */
export function startWebSocketApi(
  routes: Record<string, Handler>,
  authorizer?: { handler: Handler; identitySources: string[] },
  options: Omit<EmulatorOptions, "port" | "handlers" | "authorizer"> = {},
) {
  return startWebSocketEmulator({
    ...options,
    port: 0,
    handlers: Object.fromEntries(
      Object.entries(routes).map(([route, handler]) => [route, inProcessFunction(route, handler)]),
    ),
    authorizer: authorizer && {
      function: inProcessFunction("authorizer", authorizer.handler),
      identitySources: authorizer.identitySources,
    },
  });
}
