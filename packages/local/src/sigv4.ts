import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { localCredentials } from "./aws-env";
import { requestUrl } from "./http-body";

// AWS checks every @connections call's Signature Version 4 against the caller's
// IAM credentials; locally, a request must be signed with the runtime's local
// credentials (what its handlers' SDK clients use), so a stranger who learnt a
// connection id cannot post to, read or close that connection.

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** SHA-256 (an HMAC when given a secret) in the shape the signer expects, on Node's crypto. */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: Data) =>
  typeof data === "string"
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytesOf(secret));
  }
  update(data: Data) {
    this.hash.update(bytesOf(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

export type SignatureCheck = "valid" | "missing" | "invalid" | "expired";

// How far a request's signing time may be from the clock, either way, as AWS allows.
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/** 20261127T101500Z -> Date */
const parseAmzDate = (value: string) =>
  new Date(value.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));

/** Recomputes the request's signature with the local credentials and compares. */
export async function checkSignature(request: IncomingMessage, body: Buffer): Promise<SignatureCheck> {
  const authorization = request.headers.authorization;
  if (!authorization) return "missing";
  const parsed = AUTHORIZATION.exec(authorization);
  const amzDate = request.headers["x-amz-date"];
  if (!parsed || typeof amzDate !== "string") return "invalid";
  const [, accessKeyId, , region, service, signedHeaderList, signature] = parsed;
  if (accessKeyId !== localCredentials.accessKeyId) return "invalid";
  const signedHeaders = signedHeaderList!.split(";");
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headersDistinct[name];
    if (!value) return "invalid";
    headers[name] = value.join(",");
  }
  const signingDate = parseAmzDate(amzDate);
  if (Number.isNaN(signingDate.getTime())) return "invalid";
  if (Math.abs(Date.now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) return "expired";
  const url = requestUrl(request);
  const unsigned = {
    method: request.method ?? "GET",
    protocol: "http:",
    hostname: url.hostname,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  };
  const signer = new SignatureV4({
    credentials: localCredentials,
    region: region!,
    service: service!,
    sha256: NodeSha256,
  });
  const signed = await signer.sign(unsigned, {
    signingDate,
    signableHeaders: new Set(signedHeaders),
  });
  const expected = AUTHORIZATION.exec(String(signed.headers.authorization ?? ""));
  return expected?.[6] === signature ? "valid" : "invalid";
}
