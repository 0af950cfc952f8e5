import { NodeSha256 } from "@chat/local/sigv4";
import { SignatureV4 } from "@smithy/signature-v4";

/** A raw `fetch` to the @connections endpoint, signed (SigV4) as the AWS SDK would sign it. */
export async function signedFetch(
  url: string,
  init: { method?: string; body?: string } = {},
  credentials = { accessKeyId: "local", secretAccessKey: "local" },
  signingDate = new Date(),
) {
  const target = new URL(url);
  const signer = new SignatureV4({ credentials, region: "us-east-1", service: "execute-api", sha256: NodeSha256 });
  const signed = await signer.sign(
    {
      method: init.method ?? "GET",
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: {},
      headers: { host: target.host, ...(init.body !== undefined && { "content-type": "application/json" }) },
      body: init.body,
    },
    { signingDate },
  );
  return fetch(url, { method: signed.method, headers: signed.headers, body: init.body });
}
