import { clientErrorOf } from "@chat/core/errors";
import { enterRoom } from "@chat/core/use-cases/enter-room";
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from "aws-lambda";
import { errorResponse } from "../error-response";
import { authorizerOf } from "./respond";

/** The $connect event also carries the handshake's query string. */
type ConnectEvent = APIGatewayProxyWebsocketEventV2 & {
  queryStringParameters?: Record<string, string | undefined>;
};

export const handler = async (event: ConnectEvent): Promise<APIGatewayProxyResultV2> => {
  try {
    const { connectionId, identity } = event.requestContext as typeof event.requestContext & {
      identity: { sourceIp: string };
    };
    const authorizer = authorizerOf(event);
    await enterRoom(connectionId, { authorizer, query: event.queryStringParameters ?? {} }, identity.sourceIp);
    return { statusCode: 200 };
  } catch (error) {
    // A non-2xx answer makes API Gateway refuse the handshake with that status.
    return errorResponse(clientErrorOf(error, "$connect"));
  }
};
