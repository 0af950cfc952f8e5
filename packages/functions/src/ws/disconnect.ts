import { leaveRoom } from "@chat/core/use-cases/leave-room";
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from "aws-lambda";

export const handler = async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
  await leaveRoom(event.requestContext.connectionId);
  return { statusCode: 200 };
};
