import { tableSchema } from "../packages/core/src/table-schema";
import type { QueueName, RouteFunction } from "../packages/functions/src/routes";
import { table } from "./storage";

const roomListIndexName = Object.keys(tableSchema.globalIndexes)[0]!;

/**
 * What one route's function may do: links for the names it reads from
 * `Resource`, and IAM statements naming exactly the DynamoDB actions its code
 * sends, on the table's ARN or the room-list index's ARN only, and SendMessage
 * on the queues it sends to.
 */
export function accessFor(
  route: RouteFunction,
  chat?: sst.aws.ApiGatewayWebSocket,
  queues?: Record<QueueName, sst.aws.Queue>,
) {
  const link: unknown[] = [];
  const permissions: { actions: string[]; resources: $util.Input<string>[] }[] = [];
  if (route.table || route.roomListIndex) link.push(table);
  if (route.table) {
    permissions.push({ actions: route.table.map((action) => `dynamodb:${action}`), resources: [table.arn] });
  }
  if (route.roomListIndex) {
    permissions.push({
      actions: route.roomListIndex.map((action) => `dynamodb:${action}`),
      resources: [$interpolate`${table.arn}/index/${roomListIndexName}`],
    });
  }
  // Linking the WebSocket API injects Resource.Chat.managementEndpoint and grants
  // execute-api:ManageConnections on its own @connections only.
  if (route.chat) {
    if (!chat) throw new Error(`route ${route.file} posts to connections but no WebSocket API was given`);
    link.push(chat);
  }
  // Linking a queue hands over its URL only (infra/queues.ts); sending is granted here.
  for (const name of route.queues ?? []) {
    const queue = queues?.[name];
    if (!queue) throw new Error(`route ${route.file} sends to the ${name} queue but no queues were given`);
    link.push(queue);
    permissions.push({ actions: ["sqs:SendMessage"], resources: [queue.arn] });
  }
  return { link, permissions };
}
