import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

type Data = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: Data) =>
  typeof data === "string"
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

class Sha256 {
  private readonly hash;
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

/** A raw `fetch` to the @connections endpoint, signed (SigV4) as the AWS SDK would sign it. */
export async function signedFetch(
  url: string,
  init: { method?: string; body?: string } = {},
  credentials = { accessKeyId: "local", secretAccessKey: "local" },
) {
  const target = new URL(url);
  const signer = new SignatureV4({ credentials, region: "us-east-1", service: "execute-api", sha256: Sha256 });
  const signed = await signer.sign({
    method: init.method ?? "GET",
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: {},
    headers: { host: target.host, ...(init.body !== undefined && { "content-type": "application/json" }) },
    body: init.body,
  });
  return fetch(url, { method: signed.method, headers: signed.headers, body: init.body });
}
