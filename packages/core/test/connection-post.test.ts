import { Readable } from "node:stream";
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterEach, expect, it, vi } from "vitest";
import { ManagementApiError, postRequest, postToConnection } from "../src/connection-post";
import type { ManagementRequest, ManagementResponse } from "../src/management-transport";

// A post is made without the SDK's command (connection-post.ts): these hold it
// to the request the SDK makes, signed the way the SDK signs it, and to the
// SDK's answers (gone, errors, retries), on a transport that never leaves the process.

const ENDPOINT = "https://abc123.execute-api.eu-west-1.amazonaws.com/production";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

type Answer = { statusCode: number; headers?: Record<string, string>; body?: unknown } | Error;

/** A client whose transport records each request and gives the next scripted answer (200 when none is left). */
function scriptedClient(answers: Answer[] = [], options: { maxAttempts?: number } = {}) {
  const requests: ManagementRequest[] = [];
  const client = new ApiGatewayManagementApiClient({
    endpoint: ENDPOINT,
    region: "eu-west-1",
    credentials,
    ...options,
    requestHandler: {
      handle: async (request: ManagementRequest) => {
        requests.push(request);
        const answer = answers.shift() ?? { statusCode: 200 };
        if (answer instanceof Error) throw answer;
        return {
          response: { headers: {}, body: Buffer.alloc(0), ...answer } as ManagementResponse,
        };
      },
    },
  });
  return { client, requests };
}

afterEach(() => {
  vi.restoreAllMocks();
});

// Connection ids are API Gateway's (base64-like, often ending in "="); the others test the escaping.
const connectionIds = ["ZuYc4cx4oAMCJYg=", "a/b+ c", "it's(1)*!~", "é€😀", "%41"];
const data = Buffer.from(JSON.stringify({ type: "message", message: { text: "héllo" } }));

// What the SDK adds for its own bookkeeping, and what signing adds.
const SDK_ONLY = ["amz-sdk-invocation-id", "amz-sdk-request", "x-amz-user-agent", "user-agent"];
const SIGNING = ["authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"];
const without = (request: ManagementRequest, names: string[]) => ({
  ...request,
  headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !names.includes(name))),
});

it.each(connectionIds)("makes the request PostToConnectionCommand makes (connection %j)", async (connectionId) => {
  const sdk = scriptedClient();
  await sdk.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
  const [sdkRequest] = sdk.requests;
  const endpoint = await sdk.client.config.endpoint!();
  const direct = postRequest({ ...endpoint, path: endpoint.path.replace(/\/$/, "") }, connectionId, data);

  const comparable = (request: ManagementRequest) => {
    const { method, protocol, hostname, port, path, query, headers, body } = without(request, [
      ...SDK_ONLY,
      ...SIGNING,
    ]);
    return { method, protocol, hostname, port, path, query, headers, body: Buffer.from(body as Uint8Array) };
  };
  expect(comparable(direct)).toEqual(comparable(sdkRequest!));
});

it.each(connectionIds)("signs as the SDK's own signer does (connection %j)", async (connectionId) => {
  const direct = scriptedClient();
  expect(await postToConnection(direct.client, connectionId, data)).toBe("sent");
  const [sent] = direct.requests;
  const authorization = sent!.headers.authorization!;
  expect(authorization).toMatch(
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
  );

  // The SDK's request for the same post, stripped of its bookkeeping, signed at the same moment by the client's signer.
  const sdk = scriptedClient();
  await sdk.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
  const signer = (await (sdk.client.config as unknown as { signer: (scheme: object) => Promise<SignatureV4> }).signer({
    name: "sigv4",
    properties: {},
  })) as SignatureV4;
  const amzDate = sent!.headers["x-amz-date"]!;
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"));
  const resigned = await signer.sign(without(sdk.requests[0]!, [...SDK_ONLY, ...SIGNING]), { signingDate });
  expect(resigned.headers.authorization).toBe(authorization);

  // And an independent signer, configured as API Gateway's @connections expects, agrees.
  const independent = new SignatureV4({
    credentials,
    region: "eu-west-1",
    service: "execute-api",
    sha256: sdk.client.config.sha256,
  });
  const checked = await independent.sign(without(sent!, SIGNING), { signingDate });
  expect(checked.headers.authorization).toBe(authorization);
});

it("answers sent on 2xx and gone on 410, as one attempt each", async () => {
  const { client, requests } = scriptedClient([
    { statusCode: 200 },
    { statusCode: 410, headers: { "x-amzn-errortype": "GoneException" }, body: Buffer.from('{"message":null}') },
  ]);
  expect(await postToConnection(client, "a=", data)).toBe("sent");
  expect(await postToConnection(client, "b=", data)).toBe("gone");
  expect(requests).toHaveLength(2);
});

it("throws the service's error, named as the SDK names it, with its status and message", async () => {
  const { client, requests } = scriptedClient([
    {
      statusCode: 403,
      headers: { "x-amzn-ErrorType": "ForbiddenException:http://internal.amazon.com/coral/" },
      body: Buffer.from('{"message":"Forbidden"}'),
    },
    { statusCode: 413, headers: {}, body: Readable.from([Buffer.from('{"Message":"Request entity too large"}')]) },
  ]);
  const forbidden = await postToConnection(client, "a=", data).catch((error: unknown) => error);
  expect(forbidden).toBeInstanceOf(ManagementApiError);
  expect(forbidden).toMatchObject({
    name: "ForbiddenException",
    message: "Forbidden",
    $fault: "client",
    $metadata: { httpStatusCode: 403, attempts: 1 },
  });
  await expect(postToConnection(client, "a=", data)).rejects.toMatchObject({
    name: "HttpStatus413",
    message: "Request entity too large",
  });
  expect(requests).toHaveLength(2);
});

it("retries throttling, server errors and dropped connections as the SDK does, up to its attempt limit", async () => {
  vi.spyOn(Math, "random").mockReturnValue(0); // no backoff wait
  const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  const recovering = scriptedClient([{ statusCode: 429 }, reset]);
  expect(await postToConnection(recovering.client, "a=", data)).toBe("sent");
  expect(recovering.requests).toHaveLength(3);
  expect(recovering.requests.every((request) => request.headers.authorization?.startsWith("AWS4-HMAC-SHA256"))).toBe(
    true,
  );

  const failing = scriptedClient(
    [{ statusCode: 503 }, { statusCode: 502 }, { statusCode: 500, body: Buffer.from('{"message":"boom"}') }],
    { maxAttempts: 3 },
  );
  await expect(postToConnection(failing.client, "a=", data)).rejects.toMatchObject({
    message: "boom",
    $fault: "server",
    $metadata: { httpStatusCode: 500, attempts: 3 },
  });
  expect(failing.requests).toHaveLength(3);
});

it("does not retry what the SDK does not: client errors and unknown failures", async () => {
  vi.spyOn(Math, "random").mockReturnValue(0);
  const broken = scriptedClient([new TypeError("bad request object")]);
  await expect(postToConnection(broken.client, "a=", data)).rejects.toThrow("bad request object");
  expect(broken.requests).toHaveLength(1);
  const refused = scriptedClient([{ statusCode: 400 }]);
  await expect(postToConnection(refused.client, "a=", data)).rejects.toMatchObject({ name: "HttpStatus400" });
  expect(refused.requests).toHaveLength(1);
});
