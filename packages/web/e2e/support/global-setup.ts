import type { TestProject } from "vitest/node";
import { freePort } from "@chat/local/ports";

/**
 * The browser project's ports, picked once per run: the site bakes the API URLs into its
 * build, so the browser files (which run one at a time) start their runtimes on the same
 * ports and share one `next build` instead of making one each.
 */
export default async function setup(project: TestProject) {
  project.provide("browserPorts", {
    webPort: await freePort(),
    apiPort: await freePort(),
    wsPort: await freePort(),
    dynamoPort: await freePort(),
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    browserPorts: { webPort: number; apiPort: number; wsPort: number; dynamoPort: number };
  }
}
