import { greet } from "@chat/core/use-cases/greet";
import { incomingFrame, messageHandler } from "./respond";

export const handler = messageHandler((event) => greet(incomingFrame(event)));
