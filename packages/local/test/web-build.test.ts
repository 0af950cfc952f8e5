import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsStale, buildMatches, recordBuild } from "../src/web-build";

// The site bakes the API URLs into its build (prerendered pages, browser bundle), so the
// local runtime's "build only when needed" check must count them as inputs.
describe("the site's build fingerprint", () => {
  let webDir: string;
  const urls = { apiUrl: "http://127.0.0.1:3001", wsUrl: "ws://127.0.0.1:3002" };
  const past = new Date(Date.now() - 60_000);

  function fakeBuild(buildId: string) {
    mkdirSync(join(webDir, ".next"), { recursive: true });
    writeFileSync(join(webDir, ".next", "BUILD_ID"), buildId);
  }

  beforeEach(() => {
    webDir = mkdtempSync(join(tmpdir(), "chat-web-build-"));
    mkdirSync(join(webDir, "src"));
    writeFileSync(join(webDir, "src", "page.tsx"), "export default 1;\n");
    utimesSync(join(webDir, "src", "page.tsx"), past, past);
    utimesSync(join(webDir, "src"), past, past);
  });

  afterEach(() => rmSync(webDir, { recursive: true, force: true }));

  it("builds when there is no build", () => {
    expect(buildIsStale(webDir, urls)).toBe(true);
    expect(buildMatches(webDir, urls)).toBe(false);
  });

  it("keeps a build made with the same URLs from unchanged sources", () => {
    fakeBuild("one");
    recordBuild(webDir, urls);
    expect(buildIsStale(webDir, urls)).toBe(false);
    expect(buildMatches(webDir, urls)).toBe(true);
  });

  it("builds again when the API or WebSocket URL (the ports) changed", () => {
    fakeBuild("one");
    recordBuild(webDir, urls);
    expect(buildIsStale(webDir, { ...urls, apiUrl: "http://127.0.0.1:4001" })).toBe(true);
    expect(buildIsStale(webDir, { ...urls, wsUrl: "ws://127.0.0.1:4002" })).toBe(true);
  });

  it("builds again when a source changed since the build", () => {
    fakeBuild("one");
    recordBuild(webDir, urls);
    writeFileSync(join(webDir, "src", "page.tsx"), "export default 2;\n");
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(webDir, "src", "page.tsx"), later, later);
    expect(buildIsStale(webDir, urls)).toBe(true);
  });

  it("builds again over a build it did not record (made by hand or by OpenNext, with unknown URLs)", () => {
    fakeBuild("one");
    expect(buildIsStale(webDir, urls)).toBe(true);
    recordBuild(webDir, urls);
    fakeBuild("two");
    expect(buildIsStale(webDir, urls)).toBe(true);
  });
});
