// API Gateway waits for a Lambda integration only so long, whatever the function's own timeout:
// past it the client gets the gateway's answer, and the function runs on to its end.
import { settledWithin } from "@chat/core/deadline";

/** A WebSocket API's integration timeout (its default and its most). */
export const WEBSOCKET_INTEGRATION_TIMEOUT_MS = 29_000;
/** An HTTP API's integration timeout (its default and its most). */
export const HTTP_INTEGRATION_TIMEOUT_MS = 30_000;

/** The gateway gave up waiting for the integration; the invocation itself goes on. */
export class IntegrationTimedOut extends Error {
  override name = "IntegrationTimedOut";
  constructor(timeoutMs: number) {
    super(`the integration did not answer within ${timeoutMs / 1000} s; the function runs on`);
  }
}

/** What `invocation` resolves to, or IntegrationTimedOut once `timeoutMs` has passed (its outcome then ignored). */
export const asGatewayWaits = <T>(invocation: Promise<T>, timeoutMs: number): Promise<T> =>
  settledWithin(invocation, timeoutMs, () => new IntegrationTimedOut(timeoutMs));
