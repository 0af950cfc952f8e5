import { Readable } from "node:stream";
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { postRequest, postToConnection } from "../src/connection-post";
import { ManagementApiError } from "../src/management-answers";
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

it("carries Lambda's trace header as the SDK's request does, when sent from a function", async () => {
  vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "chat-production-SendMessage");
  vi.stubEnv("_X_AMZN_TRACE_ID", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
  try {
    const sdk = scriptedClient();
    await sdk.client.send(new PostToConnectionCommand({ ConnectionId: connectionIds[0]!, Data: data }));
    const direct = scriptedClient();
    expect(await postToConnection(direct.client, connectionIds[0]!, data)).toBe("sent");
    const traceHeaders = (request: ManagementRequest) =>
      Object.fromEntries(Object.entries(request.headers).filter(([name]) => /trace|traceparent|baggage/i.test(name)));
    expect(traceHeaders(sdk.requests[0]!)).toEqual({
      "X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
    });
    expect(traceHeaders(direct.requests[0]!)).toEqual(traceHeaders(sdk.requests[0]!));
  } finally {
    vi.unstubAllEnvs();
  }
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

type Post = (client: ApiGatewayManagementApiClient) => Promise<unknown>;

/** Makes `posts` posts one way on a client with this script: each outcome ("sent", "gone" or the error), and the requests made. */
async function scripted(post: Post, answers: Answer[], posts = 1) {
  const { client, requests } = scriptedClient(answers);
  const outcomes: unknown[] = [];
  for (let index = 0; index < posts; index++) outcomes.push(await post(client).catch((error: unknown) => error));
  return { outcomes, requests: requests.length };
}

const sdkPost: Post = (client) =>
  client
    .send(new PostToConnectionCommand({ ConnectionId: "a=", Data: data }))
    .then(() => "sent")
    .catch((error: { name: string }) => {
      if (error.name === "GoneException") return "gone";
      throw error;
    });
const directPost: Post = (client) => postToConnection(client, "a=", data);

/** What the SDK's command does with the same script. */
const viaSdk = (answers: Answer[], posts = 1) => scripted(sdkPost, answers, posts);
const viaDirectPost = (answers: Answer[], posts = 1) => scripted(directPost, answers, posts);

const json = (value: object) => Buffer.from(JSON.stringify(value));
const nameOf = (outcome: unknown) => (typeof outcome === "string" ? outcome : (outcome as Error).name);

it("names each error answer as the SDK does, with its status and message", async () => {
  type ErrorAnswer = Exclude<Answer, Error>;
  // Made anew for each use: a stream body is read once.
  const answers = (): ErrorAnswer[] => [
    {
      statusCode: 403,
      headers: { "x-amzn-ErrorType": "ForbiddenException:http://internal.amazon.com/coral/" },
      body: json({ message: "Forbidden" }),
    },
    {
      statusCode: 400,
      headers: { "x-amzn-errortype": "aws.protocoltests#BadRequestException" },
      body: json({ message: "bad" }),
    },
    { statusCode: 400, headers: { "x-amzn-errortype": "FirstException,SecondException" } },
    { statusCode: 403, body: json({ __type: "ForbiddenException", Message: "from the body" }) },
    { statusCode: 400, body: json({ code: "PayloadTooLargeException", message: "too large" }) },
    { statusCode: 413, body: Readable.from([json({ Message: "Request entity too large" })]) },
  ];
  for (const [index, answer] of answers().entries()) {
    const [sdk] = (await viaSdk([answers()[index]!])).outcomes as Error[];
    const [direct] = (await viaDirectPost([answer])).outcomes as ManagementApiError[];
    expect(direct).toBeInstanceOf(ManagementApiError);
    expect(direct!.name, JSON.stringify(answer.headers)).toBe(sdk!.name);
    expect(direct!.$metadata.httpStatusCode).toBe(answer.statusCode);
  }
  const [forbidden] = (await viaDirectPost([answers()[0]!])).outcomes;
  expect(forbidden).toMatchObject({ message: "Forbidden", $fault: "client", $metadata: { attempts: 1 } });
  // A body that is not JSON fails the SDK's own parsing (a SyntaxError); here it is the message.
  const [notJson] = (await viaDirectPost([{ statusCode: 404, body: Buffer.from("no such stage") }])).outcomes;
  expect(notJson).toMatchObject({ name: "Unknown", message: "no such stage", $metadata: { httpStatusCode: 404 } });
});

describe("retries as the SDK's command does (no backoff wait: Math.random is 0)", () => {
  beforeEach(() => {
    vi.spyOn(Math, "random").mockReturnValue(0);
  });

  const error = (message: string, fields: object) => Object.assign(new Error(message), fields);
  // Each script fails once, then answers 200 (or fails for good when the SDK does not retry).
  const scripts: Record<string, Answer> = {
    "429": { statusCode: 429 },
    "503": { statusCode: 503 },
    "500 with a message": { statusCode: 500, body: json({ message: "boom" }) },
    "LimitExceededException on a 400": { statusCode: 400, headers: { "x-amzn-errortype": "LimitExceededException" } },
    "an expired signature": {
      statusCode: 403,
      headers: { "x-amzn-errortype": "InvalidSignatureException" },
      body: json({ message: "Signature expired: 20261203T100000Z is now earlier than 20261203T100500Z" }),
    },
    "403 ForbiddenException": { statusCode: 403, headers: { "x-amzn-errortype": "ForbiddenException" } },
    "400 with no type": { statusCode: 400 },
    ECONNRESET: error("socket hang up", { code: "ECONNRESET" }),
    EAI_AGAIN: error("getaddrinfo EAI_AGAIN", { code: "EAI_AGAIN" }),
    "a cause of ECONNRESET": error("fetch failed", { cause: error("reset", { code: "ECONNRESET" }) }),
    "a TypeError": new TypeError("bad request object"),
  };

  it.each(Object.keys(scripts))("after %s", async (script) => {
    const answer = scripts[script]!;
    const sdk = await viaSdk([answer]);
    const direct = await viaDirectPost([answer]);
    expect(direct.requests).toBe(sdk.requests);
    expect(nameOf(direct.outcomes[0])).toBe(nameOf(sdk.outcomes[0]));
  });

  it("up to the attempt limit, and within the client's retry quota across posts", async () => {
    const failures = (count: number, answer: Answer) => Array.from({ length: count }, () => ({ ...answer }) as Answer);
    for (const answer of [{ statusCode: 503 }, { statusCode: 429 }] as Answer[]) {
      const sdk = await viaSdk(failures(1000, answer), 300);
      const direct = await viaDirectPost(failures(1000, answer), 300);
      expect(direct.requests).toBe(sdk.requests);
      expect(direct.requests).toBeLessThan(3 * 300); // the quota ran out before every post had its three attempts
      expect(direct.outcomes.map(nameOf)).toEqual(sdk.outcomes.map(nameOf));
    }
  });
});

it("signs with the server's clock once an answer shows it is skewed, and retries the expired signature", async () => {
  const serverAhead = 10 * 60_000;
  const serverDate = () => new Date(Date.now() + serverAhead).toUTCString();
  const expired: Answer = {
    statusCode: 403,
    headers: { "x-amzn-errortype": "InvalidSignatureException", date: serverDate() },
    body: json({ message: "Signature expired" }),
  };
  const { client, requests } = scriptedClient([expired, { statusCode: 200, headers: { date: serverDate() } }]);
  expect(await postToConnection(client, "a=", data)).toBe("sent");
  expect(requests).toHaveLength(2);
  const signedAt = (request: ManagementRequest) =>
    Date.parse(
      request.headers["x-amz-date"]!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
  expect(signedAt(requests[1]!) - signedAt(requests[0]!)).toBeGreaterThan(serverAhead - 5_000);
  expect(Math.abs(client.config.systemClockOffset! - serverAhead)).toBeLessThan(5_000);
});
