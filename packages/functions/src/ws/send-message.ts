import { sendMessage } from "@chat/core/use-cases/send-message";
import { frameData, incomingFrame, messageHandler } from "./respond";

export const handler = messageHandler((event) => sendMessage(incomingFrame(event), frameData(event)));
