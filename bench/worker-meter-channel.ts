// Where the environments' SDK meters (worker-meter.ts) send their calls, and how often.
export const SDK_CALLS_CHANNEL = "chat-bench-sdk-calls";
// Calls are sent in batches: one message per call would cost the receiving
// thread more than the calls themselves.
export const RELAY_INTERVAL_MS = 20;

// Whether the meters ask DynamoDB for ConsumedCapacity: only the cost step reads
// it, and DynamoDB Local spends CPU on it, so the load steps turn it off ("0").
// Environments started later read the variable (the server's main thread sets
// it); running ones hear the channel. Turned back on when the load steps end,
// seconds before the cost step: an environment that hears it late costs the
// load steps a little, never the cost step a figure.
export const ASK_CAPACITY_VARIABLE = "BENCH_ASK_CAPACITY";
export const ASK_CAPACITY_CHANNEL = "chat-bench-ask-capacity";
