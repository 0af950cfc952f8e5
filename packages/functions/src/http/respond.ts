import { clientErrorOf } from "@chat/core/errors";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { errorResponse, JSON_HEADERS } from "../error-response";

export const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
});

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/**
 * Wraps a route so every error becomes one of the API's error bodies: the
 * client's own mistakes as they are, anything else as 503 unavailable (logged),
 * never a 500 with internal details.
 */
export const httpHandler =
  (route: Route) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    try {
      return await route(event);
    } catch (error) {
      return errorResponse(clientErrorOf(error, event.routeKey));
    }
  };
