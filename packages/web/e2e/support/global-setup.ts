import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { freePort, listen } from "@chat/local/ports";
import { repoRoot } from "@chat/test-support/runtime-process";
import type { TestProject } from "vitest/node";

type BrowserPorts = { webPort: number; apiPort: number; wsPort: number };

// The last run's ports: while they are free, reusing them keeps the site's build valid.
const remembered = join(repoRoot, "node_modules/.cache/chat-e2e/ports.json");

/**
 * The browser project's ports, picked once per run: the site bakes the API URLs into its
 * build, so the browser files (which run one at a time) start their runtimes on the same
 * ports and share one `next build` instead of making one each. The previous run's ports
 * are taken again when they are all free, so a run after an unchanged one builds nothing.
 */
export default async function setup(project: TestProject) {
  // The deploy project (its OpenNext build is made for these ports) and the browser project
  // both run this setup, in the one vitest process: they share one pick.
  const shared = globalThis as { chatE2eBrowserPorts?: Promise<BrowserPorts> };
  shared.chatE2eBrowserPorts ??= pickPorts();
  project.provide("browserPorts", await shared.chatE2eBrowserPorts);
}

async function pickPorts(): Promise<BrowserPorts> {
  try {
    const last = JSON.parse(readFileSync(remembered, "utf8")) as BrowserPorts;
    const ports = [last.webPort, last.apiPort, last.wsPort];
    if (ports.every(Number.isInteger) && (await Promise.all(ports.map(portIsFree))).every(Boolean)) return last;
  } catch {
    // No previous run (or an unreadable note): fresh ports.
  }
  const fresh = {
    webPort: await freePort(),
    apiPort: await freePort(),
    wsPort: await freePort(),
  };
  mkdirSync(dirname(remembered), { recursive: true });
  writeFileSync(remembered, JSON.stringify(fresh));
  return fresh;
}

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    await listen(server, port);
  } catch {
    return false;
  }
  await new Promise((done) => server.close(done));
  return true;
}

declare module "vitest" {
  export interface ProvidedContext {
    browserPorts: BrowserPorts;
  }
}
