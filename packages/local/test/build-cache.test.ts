import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";
import { bundleEnvironments } from "../src/environment-bundle";
import { FunctionPool } from "../src/lambda-pool";

// Bundles are reused between starts, but never after a file they were made from changed.
const dir = mkdtempSync(join(tmpdir(), "chat-build-cache-"));
const handlerFile = join(dir, "handler.mjs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The cache's index file that names the folder `bundle` is in. */
function indexOf(bundle: URL) {
  const folder = dirname(fileURLToPath(bundle));
  const root = dirname(folder);
  const name = readdirSync(root).find(
    (entry) => entry.endsWith(".json") && readFileSync(join(root, entry), "utf8").includes(JSON.stringify(folder)),
  );
  return join(root, name!);
}

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

// The handler imports `node:http`, as the AWS SDK does: the bundle then holds a module made by a
// plugin (node-http-by-require.ts), which is no file the cache can watch.
const handlerSource = (answer: string) =>
  `import { STATUS_CODES } from "node:http";\nexport const handler = async () => ${JSON.stringify(answer)} + STATUS_CODES[200];\n`;

it("reuses the bundles while their sources are unchanged, and makes new ones after an edit", async () => {
  const entries = [{ functionName: "cached", module: pathToFileURL(handlerFile).href }];
  writeFileSync(handlerFile, handlerSource("first "));
  const first = (await bundleEnvironments(entries)).files.cached!;
  expect((await bundleEnvironments(entries)).files.cached!.href).toBe(first.href);
  expect(await answerOf(first)).toBe("first OK");

  // Reusing a build marks it used, so that the sweep of builds unused for a week spares it.
  const index = indexOf(first);
  const weekAgo = new Date(Date.now() - 8 * 24 * 3600_000);
  utimesSync(index, weekAgo, weekAgo);
  expect((await bundleEnvironments(entries)).files.cached!.href).toBe(first.href);
  expect(Date.now() - statSync(index).mtimeMs).toBeLessThan(60_000);

  writeFileSync(handlerFile, handlerSource("edited "));
  const later = new Date(Date.now() + 5_000);
  utimesSync(handlerFile, later, later);
  const edited = (await bundleEnvironments(entries)).files.cached!;
  expect(edited.href).not.toBe(first.href);
  expect(await answerOf(edited)).toBe("edited OK");
});
