import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from "aws-lambda";
import { ChatError, errorBody, httpStatusOf } from "@chat/core/errors";
import { enterRoom } from "@chat/core/use-cases/enter-room";

/** The $connect event also carries the handshake's query string. */
type ConnectEvent = APIGatewayProxyWebsocketEventV2 & {
  queryStringParameters?: Record<string, string | undefined>;
};

export const handler = async (event: ConnectEvent): Promise<APIGatewayProxyResultV2> => {
  try {
    await enterRoom(event.requestContext.connectionId, event.queryStringParameters ?? {});
    return { statusCode: 200 };
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    // A non-2xx answer makes API Gateway refuse the handshake with that status.
    return {
      statusCode: httpStatusOf[error.code],
      body: JSON.stringify(errorBody(error.code, error.message)),
    };
  }
};
