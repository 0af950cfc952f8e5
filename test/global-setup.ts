import type { TestProject } from "vitest/node";
import { type DynamoDbLocal, startDynamoDbLocal } from "../packages/local/src/dynamodb-local";
import { onFreePort } from "../packages/test-support/src/ports";

/**
 * One in-memory DynamoDB Local for the whole run, shared by the projects that run this setup
 * (integration and browser, in the one vitest process); each test file or runtime makes its own
 * table. Java must be given a port: a free one, retried if taken. It stops with the last
 * project's teardown.
 */
export default async function setup(project: TestProject) {
  const shared = globalThis as { chatTestDynamo?: Promise<DynamoDbLocal>; chatTestDynamoUsers?: number };
  shared.chatTestDynamo ??= onFreePort((port) => startDynamoDbLocal({ port }));
  shared.chatTestDynamoUsers = (shared.chatTestDynamoUsers ?? 0) + 1;
  const dynamo = await shared.chatTestDynamo;
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return async () => {
    shared.chatTestDynamoUsers! -= 1;
    if (shared.chatTestDynamoUsers === 0) await dynamo.stop();
  };
}
