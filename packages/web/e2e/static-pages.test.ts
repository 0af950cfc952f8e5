import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSettings, type Runtime, type RuntimeSettings, startRuntime } from "./support/runtime";
import { lockSite } from "./support/site-lock";

const webDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const nextDir = join(webDir, ".next");
const STATIC_PAGES = { "/": "index", "/create": "create", "/rooms": "rooms" } as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

// Self-contained: its own runtime, which serves a build made for its ports (its own `next build`,
// or the OpenNext test's made for the browser project's ports). It waits its turn for the site
// (support/site-lock.ts) and holds it to the end.
describe("static where static serves", () => {
  let settings: RuntimeSettings;
  let runtime: Runtime;
  let releaseSite: (() => void) | undefined;

  beforeAll(async () => {
    releaseSite = await lockSite("packages/web/e2e/static-pages.test.ts");
    settings = await freshSettings();
    runtime = await startRuntime(settings);
  }, 900_000);

  afterAll(async () => {
    await runtime?.stop();
    releaseSite?.();
  });

  it("prerenders /, /create and /rooms at build time", () => {
    const manifest = JSON.parse(readFileSync(join(nextDir, "prerender-manifest.json"), "utf8")) as {
      routes: Record<string, unknown>;
    };
    for (const [route, file] of Object.entries(STATIC_PAGES)) {
      expect(Object.keys(manifest.routes), route).toContain(route);
      expect(existsSync(join(nextDir, "server/app", `${file}.html`)), `${file}.html`).toBe(true);
    }
    // The room page needs the room: rendered per request.
    expect(Object.keys(manifest.routes).some((route) => route.startsWith("/rooms/"))).toBe(false);
  });

  it("bakes this runtime's API URLs into the browser bundle (the build follows API_PORT and WS_PORT)", () => {
    const chunks = filesUnder(join(nextDir, "static")).filter((file) => file.endsWith(".js"));
    const bundle = chunks.map((file) => readFileSync(file, "utf8")).join("\n");
    expect(bundle).toContain(runtime.apiUrl);
    expect(bundle).toContain(runtime.wsUrl);
  });

  it("serves the prerendered pages as static, cacheable responses", async () => {
    for (const route of Object.keys(STATIC_PAGES)) {
      const response = await fetch(`${runtime.webUrl}${route}`);
      await response.text();
      expect(response.status, route).toBe(200);
      expect(response.headers.get("x-nextjs-cache"), route).toBe("HIT");
      expect(response.headers.get("cache-control"), route).toContain("s-maxage=");
    }
  });

  it("answers an unknown room with HTTP 404, 'Room not found' and a link back to the list", async () => {
    const response = await fetch(`${runtime.webUrl}/rooms/no-such-room-${Date.now()}`);
    const html = await response.text();
    expect(response.status).toBe(404);
    // Next.js 16 sends a notFound() page's tree in the response's RSC payload (the HTML shell
    // is `__next_error__`); the browser renders it on load, see chat.test.ts for what shows.
    expect(html).toContain("Room not found");
    expect(html).toContain("Back to the room list");
    expect(html).toMatch(/href\\*":\\*"\/rooms\\*"/);
    expect(html).not.toContain("Loading room");
  });

  it("titles a room's page with the room's name, rendered by the server", async () => {
    const name = `Tea & <cakes> ${Date.now().toString(36)}`;
    const created = await fetch(`${runtime.apiUrl}/rooms`, { method: "POST", body: JSON.stringify({ name }) });
    const { room } = (await created.json()) as { room: { id: string } };
    const response = await fetch(`${runtime.webUrl}/rooms/${encodeURIComponent(room.id)}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    const escaped = name.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
    expect(html).toContain(`<title>${escaped} · Chat</title>`);
    expect(response.headers.get("cache-control")).toContain("no-store");
  });
});
