import { beforeDeadline } from "@chat/core/deadline";
import { clientErrorOf } from "@chat/core/errors";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
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
 * never a 500 with internal details; also a route still waiting (on a database
 * that stopped answering) when the function's time is nearly up.
 */
export const httpHandler =
  (route: Route) => async (event: APIGatewayProxyEventV2, context?: Pick<Context, "getRemainingTimeInMillis">) => {
    try {
      const answer = route(event);
      return await (context ? beforeDeadline(answer, context.getRemainingTimeInMillis()) : answer);
    } catch (error) {
      return errorResponse(clientErrorOf(error, event.routeKey));
    }
  };
