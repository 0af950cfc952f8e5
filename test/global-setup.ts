import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../packages/local/src/dynamodb-local";
import { freePort } from "../packages/local/src/ports";

/** One in-memory DynamoDB Local for the whole run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
