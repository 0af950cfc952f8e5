import { sendTyping } from "@chat/core/use-cases/send-typing";
import { authorizerOf, messageHandler } from "./respond";

export const handler = messageHandler((event) => sendTyping(event.requestContext.connectionId, authorizerOf(event)));
