import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { ChatError, errorBody, httpStatusOf } from "@chat/core/errors";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
});

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** Wraps a route so client errors become the contract's error bodies. */
export const httpHandler =
  (route: Route) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    try {
      return await route(event);
    } catch (error) {
      if (error instanceof ChatError) {
        return json(httpStatusOf[error.code], errorBody(error.code, error.message));
      }
      throw error;
    }
  };
