import { sendMessage } from "@chat/core/use-cases/send-message";
import { frameData, messageHandler } from "./respond";

export const handler = messageHandler((event) => sendMessage(event.requestContext.connectionId, frameData(event)));
