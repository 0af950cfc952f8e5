// How a preload module (the bench's SDK meter) reaches core's SDK clients in an
// environment: importing core's client modules itself would load the AWS SDK
// into every environment, also those of functions that never call AWS (the
// authorizer), and make their cold starts cost what they do not on AWS.
import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

/** The core clients an environment sets up: only those its handler reaches. */
export interface CoreClients {
  dynamo?: DynamoDBClient;
  management?: ApiGatewayManagementApiClient;
}

type CoreClientsListener = (clients: CoreClients) => void;

const listeners: CoreClientsListener[] = [];

/** Calls `listener` with the clients once the environment has set them up (a preload registers it). */
export function onCoreClientsSetUp(listener: CoreClientsListener) {
  listeners.push(listener);
}

/** Called by the environment's setup, before the grant check wraps the clients. */
export function coreClientsSetUp(clients: CoreClients) {
  for (const listener of listeners) listener(clients);
}
