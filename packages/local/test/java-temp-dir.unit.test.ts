import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { javaTempDirOption, newJavaTempDir, removeAbandonedJavaTempDirs } from "../src/java-temp-dir";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
const newRoot = () => {
  const root = join(mkdtempSync(join(tmpdir(), "java-temp-test-")), "root");
  roots.push(dirname(root));
  return root;
};
/** A process id that no longer runs: a child that has already exited. */
const endedPid = () => spawnSync("true").pid!;

it("gives each JVM a folder named after the process that starts it", () => {
  const root = newRoot();
  const first = newJavaTempDir(root);
  const second = newJavaTempDir(root);
  expect(first).not.toBe(second);
  expect(dirname(first)).toBe(root);
  expect(basename(first).startsWith(`${process.pid}-`)).toBe(true);
  expect(existsSync(first) && existsSync(second)).toBe(true);
});

it("removes the folders of processes that no longer run, and only those", () => {
  const root = newRoot();
  const abandoned = join(root, `${endedPid()}-abc`);
  const ours = join(root, `${process.pid}-def`);
  const foreign = join(root, "not-a-process");
  for (const dir of [abandoned, ours, foreign]) mkdirSync(dir, { recursive: true });
  removeAbandonedJavaTempDirs(root);
  expect(readdirSync(root).sort()).toEqual([basename(ours), basename(foreign)].sort());
});

it("sweeps abandoned folders whenever a new one is made, and copes with no root yet", () => {
  const root = newRoot();
  expect(() => removeAbandonedJavaTempDirs(root)).not.toThrow();
  mkdirSync(join(root, `${endedPid()}-old`), { recursive: true });
  const fresh = newJavaTempDir(root);
  expect(readdirSync(root)).toEqual([basename(fresh)]);
});

it("quotes the folder for JDK_JAVA_OPTIONS, which splits on spaces", () => {
  expect(javaTempDirOption("/tmp/a b")).toBe('-Djava.io.tmpdir="/tmp/a b"');
});
