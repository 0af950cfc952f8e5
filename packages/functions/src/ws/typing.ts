import { sendTyping } from "@chat/core/use-cases/send-typing";
import { incomingFrame, messageHandler } from "./respond";

export const handler = messageHandler((event) => sendTyping(incomingFrame(event)));
