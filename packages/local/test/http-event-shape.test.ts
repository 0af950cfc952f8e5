import { afterAll, beforeAll, expect, it } from "vitest";
import { type HttpEmulator, startHttpEmulator } from "../src/http-emulator";
import { inProcessFunction } from "../src/lambda";

// The events the HTTP emulator hands to handlers carry the headers API Gateway's HTTP API adds
// in front of them (payload format 2.0, names lowercased), as handlers deployed behind it see.
type Event = { headers: Record<string, string>; requestContext: { http: { sourceIp: string } } };
const events: Event[] = [];
let http: HttpEmulator;

beforeAll(async () => {
  http = await startHttpEmulator({
    port: 0,
    handlers: {
      $default: inProcessFunction("record", async (event: unknown) => {
        events.push(event as Event);
        return { statusCode: 204 };
      }),
    },
  });
});
afterAll(() => http?.stop());

it("adds API Gateway's trace and forwarding headers, appending to a forwarded-for the client sent", async () => {
  await fetch(`${http.url}/probe`);
  await fetch(`${http.url}/probe`, { headers: { "X-Forwarded-For": "203.0.113.7" } });
  const [plain, forwarded] = events;
  const port = new URL(http.url).port;
  expect(plain!.headers).toMatchObject({
    "x-amzn-trace-id": expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
    "x-forwarded-for": "127.0.0.1",
    "x-forwarded-port": port,
    "x-forwarded-proto": "http",
  });
  expect(plain!.requestContext.http.sourceIp).toBe("127.0.0.1");
  expect(forwarded!.headers["x-forwarded-for"]).toBe("203.0.113.7,127.0.0.1");
  expect(forwarded!.headers["x-amzn-trace-id"]).not.toBe(plain!.headers["x-amzn-trace-id"]);
});
