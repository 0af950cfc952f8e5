// Preloaded into every function's execution environment (a worker thread) in
// the bench's server: meters core's SDK clients there and relays the calls to
// the server's main thread (server.ts), which counts them all.
import { BroadcastChannel } from "node:worker_threads";
import { dynamo } from "@chat/core/db";
import { managementClient } from "@chat/core/notifier";
import { SdkMeter } from "./sdk-meter";
import { RELAY_INTERVAL_MS, SDK_CALLS_CHANNEL } from "./worker-meter-channel";

const channel = new BroadcastChannel(SDK_CALLS_CHANNEL);
const meter = new SdkMeter();
meter.install(dynamo, "dynamodb");
meter.install(managementClient(), "management");
setInterval(() => {
  const { calls = [] } = meter.report(true);
  if (calls.length === 0) return;
  meter.reset();
  channel.postMessage(calls);
}, RELAY_INTERVAL_MS).unref();
