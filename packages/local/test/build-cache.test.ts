import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";
import { bundleEnvironments } from "../src/environment-bundle";
import { FunctionPool } from "../src/lambda-pool";

// Bundles are reused between starts, but never after a file they were made from changed.
const dir = mkdtempSync(join(tmpdir(), "chat-build-cache-"));
const handlerFile = join(dir, "handler.mjs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function answerOf(bundle: URL) {
  const pool = new FunctionPool({
    bundle,
    function: { functionName: "cached", module: pathToFileURL(handlerFile).href, timeoutMs: 5_000, memoryMb: 128 },
    concurrency: 1,
    log: () => undefined,
  });
  try {
    return await pool.invoke({});
  } finally {
    await pool.stop();
  }
}

it("reuses the bundles while their sources are unchanged, and makes new ones after an edit", async () => {
  const entries = [{ functionName: "cached", module: pathToFileURL(handlerFile).href }];
  writeFileSync(handlerFile, 'export const handler = async () => "first";\n');
  const first = (await bundleEnvironments(entries)).files.cached!;
  expect((await bundleEnvironments(entries)).files.cached!.href).toBe(first.href);
  expect(await answerOf(first)).toBe("first");

  writeFileSync(handlerFile, 'export const handler = async () => "edited";\n');
  const later = new Date(Date.now() + 5_000);
  utimesSync(handlerFile, later, later);
  const edited = (await bundleEnvironments(entries)).files.cached!;
  expect(edited.href).not.toBe(first.href);
  expect(await answerOf(edited)).toBe("edited");
});
