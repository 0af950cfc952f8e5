import { rejectFrame } from "@chat/core/use-cases/reject-frame";
import { messageHandler } from "./respond";

export const handler = messageHandler(async (event) => {
  throw rejectFrame(event.isBase64Encoded ? undefined : event.body);
});
