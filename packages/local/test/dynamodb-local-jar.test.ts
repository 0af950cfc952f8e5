import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { amazonJarFolder, preparedLaunch } from "../src/dynamodb-local-jar";

// The prepared launch in a cache of this file's own: the jar is prepared once, and the class
// archive is kept only once a start has written it whole.
const cacheRoot = mkdtempSync(join(tmpdir(), "dynamodb-local-jar-test-"));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));
const folder = amazonJarFolder()!;

it("goes on without a class archive when the start that writes it fails, and writes it at a later start", async () => {
  const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const logged = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    const failed = await preparedLaunch(
      folder,
      async () => {
        throw new Error("DynamoDB Local exited with SIGKILL");
      },
      cacheRoot,
    );
    expect(failed.archive).toBeUndefined();
    expect(existsSync(failed.classPath[0]!), "the prepared jar").toBe(true);
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(/without its class archive.*SIGKILL/));

    // A start killed while writing left its file; a start that writes one renames it into place.
    const kitDir = dirname(failed.classPath[0]!);
    writeFileSync(join(kitDir, "dynamodb-local.jsa.2147483646-deadbeef"), "half");
    const written = await preparedLaunch(folder, async (_, archive) => writeFileSync(archive, "archive"), cacheRoot);
    expect(written.archive).toBe(join(kitDir, "dynamodb-local.jsa"));
    expect(readdirSync(kitDir).filter((name) => name.startsWith("dynamodb-local.jsa"))).toEqual(["dynamodb-local.jsa"]);

    const writer = vi.fn();
    expect((await preparedLaunch(folder, writer, cacheRoot)).archive).toBe(written.archive);
    expect(writer).not.toHaveBeenCalled();
  } finally {
    warned.mockRestore();
    logged.mockRestore();
  }
});
