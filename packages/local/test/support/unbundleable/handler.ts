// A handler that works from its source folder and not once bundled, for the
// bundle loader's test: it reads a file beside its source, and it requires a
// package by a name esbuild cannot follow (so the package is not bundled).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export async function handler(event: { probe: "file" | "package" }) {
  if (event.probe === "file") {
    return JSON.parse(readFileSync(new URL("./beside.json", import.meta.url), "utf8")) as unknown;
  }
  const name = ["w", "s"].join("");
  return typeof createRequire(import.meta.url)(name);
}
