/**
 * The scratch table DynamoDB Local's warm-up (dynamodb-warm-up.ts) makes and deletes: a module of
 * its own, so that the configuration can refuse it as the runtime's table without loading the SDK.
 */
export const WARM_UP_TABLE = "chat-local-warm-up";
