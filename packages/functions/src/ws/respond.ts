import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from "aws-lambda";
import { ChatError } from "@chat/core/errors";
import { tell } from "@chat/core/notifier";

type Route = (event: APIGatewayProxyWebsocketEventV2) => Promise<void>;

/**
 * Wraps a message route: a client error is answered with an error frame to
 * the sender, whose connection stays open.
 */
export const messageHandler =
  (route: Route) =>
  async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
    try {
      await route(event);
    } catch (error) {
      if (!(error instanceof ChatError)) throw error;
      await tell(event.requestContext.connectionId, {
        type: "error",
        error: { code: error.code, message: error.message },
      });
    }
    return { statusCode: 200 };
  };

/** The `data` member of a frame, or undefined when the body is not a JSON object. */
export function frameData(event: APIGatewayProxyWebsocketEventV2): unknown {
  try {
    const frame = JSON.parse(event.body ?? "");
    return typeof frame === "object" && frame !== null ? frame.data : undefined;
  } catch {
    return undefined;
  }
}
