import { greet } from "@chat/core/use-cases/greet";
import { authorizerOf, messageHandler } from "./respond";

export const handler = messageHandler((event) => greet(event.requestContext.connectionId, authorizerOf(event)));
