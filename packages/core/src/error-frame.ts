import * as v from "valibot";
import type { ChatError } from "./errors";
import { ClientMessageId } from "./schemas";
import type { ServerFrame } from "./types";

const NamesAMessage = v.object({ clientMessageId: ClientMessageId });

/**
 * The `error` frame that answers a rejected frame. When the frame's data named a
 * message (a well-formed `clientMessageId`), the error names it too, so the
 * client knows at once which message was not stored: it can send it again
 * (rate_limited, unavailable) or give it up, instead of waiting for an echo.
 */
export function errorFrame(error: ChatError, frameData: unknown): ServerFrame {
  const named = v.safeParse(NamesAMessage, frameData);
  return {
    type: "error",
    error: { code: error.code, message: error.message },
    ...(named.success ? { clientMessageId: named.output.clientMessageId } : {}),
  };
}
