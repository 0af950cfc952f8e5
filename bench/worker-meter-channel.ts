// Where the environments' SDK meters (worker-meter.ts) send their calls, and how often.
export const SDK_CALLS_CHANNEL = "chat-bench-sdk-calls";
// Calls are sent in batches: one message per call would cost the receiving
// thread more than the calls themselves.
export const RELAY_INTERVAL_MS = 20;
