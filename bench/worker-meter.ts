// Preloaded into every function's execution environment (a worker thread) in
// the bench's server: meters core's SDK clients there and relays the calls to
// the server's main thread (server.ts), which counts them all.
import { BroadcastChannel } from "node:worker_threads";
import { onCoreClientsSetUp } from "@chat/local/core-clients-hook";
import { SdkMeter } from "./sdk-meter";
import {
  ASK_CAPACITY_CHANNEL,
  ASK_CAPACITY_VARIABLE,
  RELAY_INTERVAL_MS,
  SDK_CALLS_CHANNEL,
} from "./worker-meter-channel";

// A relay goes out RELAY_INTERVAL_MS after the first call it carries: an
// environment with no calls (most of them, most of the time) does nothing.
let relayPending = false;
const meter = new SdkMeter(() => {
  if (relayPending) return;
  relayPending = true;
  setTimeout(relay, RELAY_INTERVAL_MS).unref();
});
meter.askCapacity = process.env[ASK_CAPACITY_VARIABLE] !== "0";
const askCapacity = new BroadcastChannel(ASK_CAPACITY_CHANNEL);
askCapacity.onmessage = (message) => {
  meter.askCapacity = (message as { data: boolean }).data;
};
askCapacity.unref();
// Only the clients the handler reaches: importing core's here would load the SDK into every environment.
onCoreClientsSetUp(({ dynamo, management }) => {
  if (dynamo) meter.installDynamo(dynamo);
  if (management) meter.installManagement(management);
});

function relay() {
  relayPending = false;
  // A channel open in every environment would receive every other one's relays
  // (40-odd threads each decoding the others' calls: over a core's worth of CPU
  // under load). Opened only to send, it reaches the main thread alone.
  const channel = new BroadcastChannel(SDK_CALLS_CHANNEL);
  channel.postMessage(meter.takeCalls());
  channel.close();
}
