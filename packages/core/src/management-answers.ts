import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { loadRestJsonErrorCode } from "@smithy/core/protocols";
import { isServerError, isThrottlingError, isTransientError } from "@smithy/core/retry";
import type { ManagementResponse } from "./management-transport";

// How a direct post (connection-post.ts) reads an answer of the @connections
// API as the SDK reads it: the error it names, the class of retry it calls
// for, and the server's clock, with the SDK's own functions where it exports them.

type ClientConfig = ApiGatewayManagementApiClient["config"];

/** An error answer of the @connections API, shaped as the SDK's service exceptions are. */
export class ManagementApiError extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: { httpStatusCode: number; attempts?: number; clockSkewCorrected?: boolean };
  readonly $response: ManagementResponse;

  constructor(name: string, message: string, response: ManagementResponse) {
    super(message);
    this.name = name;
    this.$fault = response.statusCode >= 500 ? "server" : "client";
    this.$metadata = { httpStatusCode: response.statusCode };
    this.$response = response;
  }
}

/** The answer's body, read to its end (which also frees a socket for the next call). */
export async function bodyBytes(config: ClientConfig, response: ManagementResponse): Promise<Uint8Array> {
  const body = response.body as unknown;
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  return config.streamCollector(body);
}

/** The error an answer carries, named as the SDK's REST-JSON protocol names it ("Unknown" when it does not say). */
export function errorOf(response: ManagementResponse, body: Uint8Array): ManagementApiError {
  const text = Buffer.from(body).toString("utf8");
  let data: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object") data = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the name comes from the header alone, the message is the text.
  }
  const name = loadRestJsonErrorCode(response, data) ?? "Unknown";
  const message = data.message ?? data.Message ?? (text || name);
  return new ManagementApiError(name, String(message), response);
}

export type RetryErrorType = "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";

/** The SDK retry middleware's classification of a failed attempt (an error answer, or the transport's error). */
export const retryErrorType = (error: unknown): RetryErrorType => {
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  if (isThrottlingError(sdkError)) return "THROTTLING";
  if (isTransientError(sdkError)) return "TRANSIENT";
  if (isServerError(sdkError)) return "SERVER_ERROR";
  return "CLIENT_ERROR";
};

const header = (response: ManagementResponse, name: string) =>
  Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1];

// The SDK's signer corrects for a skewed clock: past this, an error answer that moved the offset is retried.
const SKEW_RETRIED_MS = 240_000;
// An answer slower than this says nothing reliable about the server's clock.
const STALE_ANSWER_MS = 900_000;

/**
 * Samples the server's clock from an answer's Date header into the client's
 * `systemClockOffset` (what it signs with), as the SDK's signer does after every
 * call; marks `error` retryable when that corrected a skew (a signature refused as expired).
 */
export function sampleServerClock(
  config: ClientConfig,
  response: ManagementResponse,
  sentAt: number,
  error?: ManagementApiError,
): void {
  const date = header(response, "date");
  if (date === undefined || header(response, "age") !== undefined) return;
  const serverTime = Date.parse(date);
  const now = Date.now();
  if (Number.isNaN(serverTime) || now - sentAt > STALE_ANSWER_MS) return;
  const before = config.systemClockOffset;
  const offset = serverTime - now;
  config.systemClockOffset = offset;
  if (error && Math.abs(offset) >= SKEW_RETRIED_MS && offset !== before) error.$metadata.clockSkewCorrected = true;
}
