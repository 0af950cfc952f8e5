// Serves the Next.js site's build outputs from a committed fixture.
//
// The Nextjs component runs its build as a `command:local:Command` (which the
// mocks never execute) and then reads `<site>/.open-next/open-next.output.json`,
// `<site>/.next/BUILD_ID`, `routes-manifest.json`, `prerender-manifest.json`
// and walks `<site>/.open-next/assets`. Every file-system call in this process
// that names a path inside a `.open-next` or `.next` folder under the project
// root is answered from fixture/nextjs-build/{open-next,next} instead, so the
// plan never depends on (and never writes into) packages/web.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

const buildFolders: Record<string, string> = { ".open-next": "open-next", ".next": "next" };

export function serveSiteBuildFromFixture(projectRoot: string, fixtureDir: string) {
  const reads = new Set<string>();

  const redirect = (target: unknown): unknown => {
    if (typeof target !== "string" && !(target instanceof URL)) return target;
    const absolute = path.resolve(target instanceof URL ? target.pathname : target);
    const relative = path.relative(projectRoot, absolute);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return target;
    const parts = relative.split(path.sep);
    const at = parts.findIndex((part) => part in buildFolders);
    if (at < 1) return target;
    reads.add(parts.slice(at).join("/"));
    return path.join(fixtureDir, buildFolders[parts[at]!]!, ...parts.slice(at + 1));
  };

  type PathFunction = (first: unknown, ...rest: unknown[]) => unknown;
  const wrap = (host: object, names: readonly string[]) => {
    const target = host as Record<string, PathFunction & { native?: PathFunction }>;
    for (const name of names) {
      const original = target[name];
      if (typeof original !== "function") continue;
      const wrapped: PathFunction & { native?: PathFunction } = (first, ...rest) =>
        original.call(host, redirect(first), ...rest);
      if (typeof original.native === "function") {
        const native = original.native;
        wrapped.native = (first, ...rest) => native.call(host, redirect(first), ...rest);
      }
      target[name] = wrapped;
    }
  };

  const pathFirst = ["readFile", "readdir", "stat", "lstat", "realpath", "readlink", "access", "opendir"];
  wrap(fs, [...pathFirst, ...pathFirst.map((name) => `${name}Sync`), "existsSync", "createReadStream"]);
  wrap(fs.promises, pathFirst);
  // Named imports of `fs` and `fs/promises` in ES modules see the wrapped functions too.
  syncBuiltinESMExports();

  return { reads: () => [...reads].sort() };
}
