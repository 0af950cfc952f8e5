import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { httpStatusOf } from "../src/errors";

it("are the ones docs/api.md lists, each with its HTTP status", () => {
  const api = readFileSync(join(import.meta.dirname, "../../../docs/api.md"), "utf8");
  const documented = Object.fromEntries(
    [...api.matchAll(/^\| `([a-z_]+)` +\| (\d{3}) +\|/gm)].map((match) => [match[1], Number(match[2])]),
  );
  expect(documented).toEqual(httpStatusOf);
});
