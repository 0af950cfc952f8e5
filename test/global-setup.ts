import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../packages/local/src/dynamodb-local";
import { onFreePort } from "../packages/test-support/src/ports";

/**
 * The integration project's one in-memory DynamoDB Local for the whole run; each test
 * file makes its own table. Java must be given a port: a free one, retried if taken.
 */
export default async function setup(project: TestProject) {
  const dynamo = await onFreePort((port) => startDynamoDbLocal({ port }));
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}
