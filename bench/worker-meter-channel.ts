// Where the environments' SDK meters (worker-meter.ts) send their calls, and how often.
export const SDK_CALLS_CHANNEL = "chat-bench-sdk-calls";
// Calls are sent in batches: one message per call would cost the receiving
// thread more than the calls themselves.
export const RELAY_INTERVAL_MS = 20;

// Whether the meters ask DynamoDB for ConsumedCapacity: only the cost step needs
// it, and DynamoDB Local spends CPU on it. Environments started later read the
// variable (the server's main thread sets it); running ones hear the channel.
export const ASK_CAPACITY_VARIABLE = "BENCH_ASK_CAPACITY";
export const ASK_CAPACITY_CHANNEL = "chat-bench-ask-capacity";
