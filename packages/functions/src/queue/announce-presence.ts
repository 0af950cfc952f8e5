import { announcePresence } from "@chat/core/use-cases/announce-presence";
import { batchHandler } from "./batch";

export const handler = batchHandler(announcePresence);
