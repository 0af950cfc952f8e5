import { deliverShards } from "@chat/core/use-cases/deliver-shard";
import { batchHandler } from "./batch";

export const handler = batchHandler(deliverShards);
