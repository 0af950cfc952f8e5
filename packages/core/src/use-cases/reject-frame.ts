import * as v from "valibot";
import { ChatError } from "../errors";
import { Frame } from "../schemas";

/** $default: explains why a frame matched no route. */
export function rejectFrame(body: string | undefined): ChatError {
  let frame: unknown;
  try {
    frame = JSON.parse(body ?? "");
  } catch {
    return new ChatError("invalid_request", "frame must be JSON");
  }
  if (typeof frame !== "object" || frame === null || Array.isArray(frame)) {
    return new ChatError("invalid_request", "frame must be a JSON object");
  }
  if (!v.is(Frame, frame)) return new ChatError("invalid_request", "frame must have a string action");
  return new ChatError("unknown_action", `no route for action "${frame.action}"`);
}
