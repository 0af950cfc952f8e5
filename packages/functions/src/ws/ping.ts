import { answerPing } from "@chat/core/use-cases/answer-ping";
import { incomingFrame, messageHandler } from "./respond";

export const handler = messageHandler((event) => answerPing(incomingFrame(event)));
