import { randomUUID } from "node:crypto";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's DynamoDB Local (test/global-setup.ts), for the integration and browser projects. */
    dynamoEndpoint: string;
  }
}

/** The variables that give a runtime process a table in the run's DynamoDB Local instead of a JVM of its own. */
export const onSharedDynamoDb = (tableName = `test-${randomUUID()}`) => ({
  DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
  TABLE_NAME: tableName,
});
