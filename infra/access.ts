import { tableSchema } from "../packages/core/src/table-schema";
import type { RouteFunction } from "../packages/functions/src/routes";
import { table } from "./storage";

const roomListIndexName = Object.keys(tableSchema.globalIndexes)[0]!;

/**
 * What one route's function may do: links for the names it reads from
 * `Resource`, and IAM statements naming exactly the DynamoDB actions its code
 * sends, on the table's ARN or the room-list index's ARN only.
 */
export function accessFor(route: RouteFunction, chat?: sst.aws.ApiGatewayWebSocket) {
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
  return { link, permissions };
}
