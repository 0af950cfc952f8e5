import { sendMessage } from "@chat/core/use-cases/send-message";
import { authorizerOf, frameData, messageHandler } from "./respond";

export const handler = messageHandler((event) =>
  sendMessage(event.requestContext.connectionId, authorizerOf(event), frameData(event)),
);
