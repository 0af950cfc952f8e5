import { request as httpRequest } from "node:http";
import { MAX_BODY_BYTES } from "@chat/functions/http/body";
import { httpClient } from "@chat/test-support/http";
import { startTestStack } from "@chat/test-support/stack";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpEmulator, MAX_REQUEST_BYTES, startHttpEmulator } from "../src/http-emulator";
import { MAX_EVENT_BYTES } from "../src/invocation";
import { type Handler, inProcessFunction } from "../src/lambda";
import type { Stack } from "../src/stack";

// The HTTP emulator routes before it reads a body, and reads it only as far as
// the route's handler looks: GET routes and $default none, POST /rooms its
// 16 KiB limit plus one byte. API Gateway's 10 MB refusal stays.

/** A raw request (any method may carry a body), `size` bytes of "x", chunked unless `contentLength`. */
function send(url: string, method: string, path: string, size: number, contentLength = false) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method,
      headers: contentLength ? { "content-length": String(size) } : { "transfer-encoding": "chunked" },
    });
    req.on("response", (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    // Written in 1 MiB pieces; a refusal may close the connection before the last is sent.
    const piece = Buffer.alloc(Math.min(size, 1024 * 1024), "x");
    let left = size;
    const writeMore = () => {
      while (left > 0) {
        const part = piece.subarray(0, Math.min(left, piece.length));
        left -= part.length;
        if (!req.write(part)) return void req.once("drain", writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

describe("the emulator with recording handlers", () => {
  let emulator: HttpEmulator;
  const received: { routeKey: string; bodyBytes: number | undefined }[] = [];

  beforeAll(async () => {
    const recorder =
      (routeKey: string): Handler =>
      async (event) => {
        const { body, isBase64Encoded } = event as APIGatewayProxyEventV2;
        received.push({
          routeKey,
          bodyBytes: body === undefined ? undefined : Buffer.from(body, isBase64Encoded ? "base64" : "utf8").length,
        });
        return { statusCode: 200, body: "{}" };
      };
    const routeKeys = ["POST /rooms", "GET /rooms", "GET /rooms/{roomId}", "$default"];
    emulator = await startHttpEmulator({
      port: 0,
      handlers: Object.fromEntries(routeKeys.map((key) => [key, inProcessFunction(key, recorder(key))])),
    });
  });
  afterAll(() => emulator?.stop());

  it("hands POST /rooms at most its limit plus one byte of a 5 MB body, holding no more", async () => {
    received.length = 0;
    expect((await send(emulator.url, "POST", "/rooms", 5 * 1024 * 1024)).status).toBe(200);
    expect(received).toEqual([{ routeKey: "POST /rooms", bodyBytes: MAX_BODY_BYTES + 1 }]);
    // A body within the limit arrives whole.
    expect((await send(emulator.url, "POST", "/rooms", 1000, true)).status).toBe(200);
    expect(received[1]).toEqual({ routeKey: "POST /rooms", bodyBytes: 1000 });
    expect(emulator.peakBodyBytes).toBe(MAX_BODY_BYTES + 1);
  });

  it("drains the body of a GET route or $default without buffering it", async () => {
    received.length = 0;
    const size = Math.floor(9.9 * 1000 * 1000);
    const answers = await Promise.all([
      send(emulator.url, "GET", "/rooms", size),
      send(emulator.url, "GET", "/rooms/abc", size, true),
      send(emulator.url, "PUT", "/nowhere", size),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(received).toEqual(
      expect.arrayContaining([
        { routeKey: "GET /rooms", bodyBytes: undefined },
        { routeKey: "GET /rooms/{roomId}", bodyBytes: undefined },
        { routeKey: "$default", bodyBytes: undefined },
      ]),
    );
    expect(emulator.peakBodyBytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 1);
  });

  it("still refuses a body over API Gateway's 10 MB with its 413, without calling the handler", async () => {
    received.length = 0;
    for (const contentLength of [true, false]) {
      const answer = await send(emulator.url, "POST", "/rooms", MAX_REQUEST_BYTES + 1, contentLength);
      expect(answer).toEqual({ status: 413, body: '{"message":"Request Entity Too Large"}' });
    }
    const get = await send(emulator.url, "GET", "/rooms", MAX_REQUEST_BYTES + 1);
    expect(get.status).toBe(413);
    expect(received).toEqual([]);
    expect(emulator.peakBodyBytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 1);
  });
});

describe("Lambda's 6 MB quota on an event", () => {
  let emulator: HttpEmulator;
  const bodyBytes: number[] = [];

  beforeAll(async () => {
    const recorder: Handler = async (event) => {
      bodyBytes.push(Buffer.byteLength((event as APIGatewayProxyEventV2).body ?? ""));
      return { statusCode: 200, body: "{}" };
    };
    emulator = await startHttpEmulator({
      port: 0,
      handlers: Object.fromEntries(
        ["POST /rooms", "POST /upload"].map((key) => [key, inProcessFunction(key, recorder)]),
      ),
    });
  });
  afterAll(() => emulator?.stop());

  it("refuses with API Gateway's 413 a body whose event Lambda would refuse, even one under 6 MB, and passes one it takes", async () => {
    bodyBytes.length = 0;
    const tooLarge = { status: 413, body: '{"message":"Request Entity Too Large"}' };
    expect((await send(emulator.url, "POST", "/upload", 6_000_000)).status).toBe(200);
    expect(bodyBytes).toEqual([6_000_000]);
    // The body fits the quota; the event around it, with its headers and request context, does not.
    expect(await send(emulator.url, "POST", "/upload", MAX_EVENT_BYTES - 10, true)).toEqual(tooLarge);
    // A route whose handler reads only the body's start: refused all the same, as the whole body would reach Lambda.
    expect(await send(emulator.url, "POST", "/rooms", MAX_EVENT_BYTES + 1)).toEqual(tooLarge);
    expect(bodyBytes).toEqual([6_000_000]);
  });
});

describe("the real POST /rooms", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it("answers a 5 MB body with the contract's 413 too_large", async () => {
    const response = await httpClient(stack.apiUrl).post(
      "/rooms",
      JSON.stringify({ name: "x".repeat(5 * 1024 * 1024) }),
    );
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: { code: "too_large", message: expect.any(String) } });
  });
});
