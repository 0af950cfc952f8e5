import { afterEach, expect, it } from "vitest";
import type { ManagementCall } from "../src/management-api";
import { MAX_POST_BYTES } from "../src/management-api";
import { ManagementPortHandler, openManagementPort } from "../src/management-port";

// The port carries the calls of one turn together and their answers back together:
// each call must still get its own answer, whichever batch it went in.

const handlers: ManagementPortHandler[] = [];
afterEach(() => {
  for (const handler of handlers.splice(0)) handler.destroy();
});

function connect(answer: (call: ManagementCall) => { status: number; body: string }) {
  const handler = new ManagementPortHandler(openManagementPort((call) => ({ headers: {}, ...answer(call) })));
  handlers.push(handler);
  return handler;
}

const bodyText = async (handler: ManagementPortHandler, path: string, body?: string) => {
  const { response } = await handler.handle({ method: "POST", path, body });
  return `${response.statusCode} ${response.body.toString()}`;
};

it("answers each call of a batch with its own answer", async () => {
  const seen: string[] = [];
  const handler = connect((call) => {
    seen.push(call.path);
    return { status: 200, body: `${call.path}:${call.body?.toString()}` };
  });
  const answers = await Promise.all(["/a", "/b", "/c"].map((path) => bodyText(handler, path, `to ${path}`)));
  expect(answers).toEqual(["200 /a:to /a", "200 /b:to /b", "200 /c:to /c"]);
  expect(seen).toEqual(["/a", "/b", "/c"]);
});

it("answers a call made while an earlier batch is still out", async () => {
  const handler = connect((call) => ({ status: 200, body: call.path }));
  const first = bodyText(handler, "/first");
  await new Promise((done) => setImmediate(done));
  const second = bodyText(handler, "/second");
  expect(await Promise.all([first, second])).toEqual(["200 /first", "200 /second"]);
});

it("hands the emulator no body for a post over the size limit, as over HTTP", async () => {
  const handler = connect((call) => ({ status: call.body ? 200 : 413, body: "" }));
  expect(await bodyText(handler, "/big", "x".repeat(MAX_POST_BYTES + 1))).toBe("413 ");
  expect(await bodyText(handler, "/small", "x")).toBe("200 ");
});
