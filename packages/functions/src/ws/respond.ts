import { errorFrame } from "@chat/core/error-frame";
import { clientErrorOf } from "@chat/core/errors";
import { tell } from "@chat/core/notifier";
import type { IncomingFrame } from "@chat/core/use-cases/sender";
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from "aws-lambda";

type Route = (event: APIGatewayProxyWebsocketEventV2) => Promise<void>;

/** What the $connect authorizer said of the connection, which API Gateway hands to each of its events. */
export const authorizerOf = (event: APIGatewayProxyWebsocketEventV2): unknown =>
  (event.requestContext as { authorizer?: unknown }).authorizer;

/** A message event as core's use cases take it: received when API Gateway says it was. */
export const incomingFrame = (event: APIGatewayProxyWebsocketEventV2): IncomingFrame => ({
  connectionId: event.requestContext.connectionId,
  authorizer: authorizerOf(event),
  receivedAt: event.requestContext.requestTimeEpoch,
});

/**
 * Wraps a message route: an error is answered with an error frame to the
 * sender, whose connection stays open — the client's own mistakes as they are,
 * anything else as `unavailable` (logged), so API Gateway never sends its
 * "Internal server error" frame with the connection's private id. The error
 * frame names the message the frame carried, if any (error-frame.ts).
 */
export const messageHandler =
  (route: Route) =>
  async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
    try {
      await route(event);
    } catch (caught) {
      const error = clientErrorOf(caught, event.requestContext.routeKey);
      await tell(event.requestContext.connectionId, errorFrame(error, frameData(event)));
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
