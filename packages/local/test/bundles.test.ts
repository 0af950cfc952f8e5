import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { appFunctions } from "@chat/functions/routes";
import { httpClient } from "@chat/test-support/http";
import { onFreePorts } from "@chat/test-support/ports";
import { launchApis, type RuntimeProcess } from "@chat/test-support/runtime-process";
import { onSharedDynamoDb } from "@chat/test-support/shared-dynamodb";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, expect, it } from "vitest";
import { bundleEntry, bundlePath, nodeModulesAbove } from "../src/bundle";
import { type Handler, importBundledHandler, lambdaContext } from "../src/lambda";

// The artifacts that deploy are the artifacts tested: the runtime, on the Node
// running this test, serves every handler bundled as `sst deploy` bundles it,
// from a fresh folder with no node_modules in or above it, so a bundle that
// lacks a package fails here as it would in Lambda.
const folders: string[] = [];
const started: RuntimeProcess[] = [];
const clients: ChatClient[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await Promise.all(started.map((runtime) => runtime.stop()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function freshFolder(prefix: string) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

const routes = appFunctions.map(({ kind, fn }) => ({ kind, file: fn.file }));

it("serves every route from handlers bundled as sst deploy bundles them", { timeout: 90_000 }, async () => {
  const bundleDir = freshFolder("chat-bundles-");
  expect(nodeModulesAbove(bundleDir)).toBeUndefined();
  // On the project's DynamoDB Local, in a table of its own: no JVM of its own to start.
  const { started: runtime, env } = await onFreePorts(["API_PORT", "WS_PORT"], (ports) =>
    launchApis({
      ...ports,
      ...onSharedDynamoDb(),
      HANDLERS: "bundled",
      HANDLERS_DIR: bundleDir,
    }),
  );
  started.push(runtime);
  expect(runtime.output()).toContain(`handlers: served from ${routes.length} bundles in ${bundleDir} (`);

  // One .mjs with SST's banner and a linked source map per route; no node_modules anywhere.
  const files = readdirSync(bundleDir, { recursive: true }) as string[];
  expect(files.filter((file) => file.split(sep).includes("node_modules"))).toEqual([]);
  expect(nodeModulesAbove(bundleDir)).toBeUndefined();
  for (const { kind, file } of routes) {
    const bundle = readFileSync(bundlePath(bundleDir, kind, file), "utf8");
    expect(bundle.startsWith("import { createRequire as topLevelCreateRequire } from 'module';\n")).toBe(true);
    expect(bundle.trimEnd().endsWith(`//# sourceMappingURL=${file}.mjs.map`)).toBe(true);
    expect(existsSync(`${bundlePath(bundleDir, kind, file)}.map`)).toBe(true);
  }
  expect(files.filter((file) => file.endsWith(".mjs"))).toHaveLength(routes.length);
  // The AWS SDK is inside (the runtime refuses bundles that import anything but Node's modules).
  const createRoom = readFileSync(bundlePath(bundleDir, "http", "create-room"), "utf8");
  expect(createRoom).toContain("DynamoDBDocumentClient");
  expect(createRoom).not.toMatch(/from "@aws-sdk\//);

  // HTTP: every route once.
  const api = httpClient(`http://127.0.0.1:${env.API_PORT}`);
  const room = await api.createRoom("bundled");
  const listed = await api.get("/rooms");
  expect(listed.status).toBe(200);
  expect(listed.body.rooms.map((entry: { id: string }) => entry.id)).toContain(room.id);
  expect((await api.get(`/rooms/${room.id}`)).body.room).toMatchObject({ id: room.id, name: "bundled", members: 0 });
  expect((await api.get(`/rooms/${room.id}/messages`)).body).toEqual({ messages: [], cursor: null });
  const unknown = await api.get("/no/such/path");
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBe("not_found");

  // WebSocket: $connect, hello, typing, sendMessage, $default, $disconnect.
  const wsUrl = `ws://127.0.0.1:${env.WS_PORT}`;
  const ann = await ChatClient.connect(wsUrl, { roomId: room.id, name: "Ann" });
  clients.push(ann);
  const bob = await ChatClient.connect(wsUrl, { roomId: room.id, name: "Bob" });
  clients.push(bob);
  bob.send({ action: "hello" });
  const welcome = await bob.nextOfType("welcome");
  expect(welcome.you.name).toBe("Bob");
  expect(welcome.members.map((member: { name: string }) => member.name).sort()).toEqual(["Ann", "Bob"]);
  ann.send({ action: "typing" });
  expect((await bob.nextOfType("typing")).member.name).toBe("Ann");
  ann.sendMessage("from the bundle", "c-1");
  expect((await ann.nextOfType("message")).message).toMatchObject({ text: "from the bundle", clientMessageId: "c-1" });
  expect((await bob.nextOfType("message")).message.text).toBe("from the bundle");
  ann.send({ action: "noSuchAction" });
  expect((await ann.nextOfType("error")).error.code).toBe("unknown_action");
  await bob.close();
  expect((await ann.nextOfType("leave")).member.name).toBe("Bob");

  const history = (await api.get(`/rooms/${room.id}/messages`)).body.messages;
  expect(history.map((message: { text: string }) => message.text)).toEqual(["from the bundle"]);
  expect(runtime.output()).not.toMatch(/error/i);
  await ann.close();
  expect(await runtime.stop()).toBe(0);
  // A folder given in HANDLERS_DIR is kept.
  expect(existsSync(bundlePath(bundleDir, "ws", "send-message"))).toBe(true);
});

it("loads a bundle from its bundle folder: a handler that only works from its sources fails", async () => {
  const entry = join(import.meta.dirname, "support/unbundleable/handler.ts");
  const event = (probe: "file" | "package") => ({ probe });
  const context = lambdaContext("unbundleable");

  // From its sources, beside beside.json and under the repository's node_modules: it works.
  const source = (await import("./support/unbundleable/handler")).handler as Handler;
  expect(await source(event("file"), context)).toEqual({ read: "beside the source" });
  expect(await source(event("package"), context)).toBe("function");

  // Bundled into a folder of its own, loaded by the runtime's bundle loader: both fail.
  const outDir = freshFolder("chat-unbundleable-");
  const outFile = join(outDir, "handler.mjs");
  expect((await bundleEntry(entry, outFile)).unbundled).toEqual([]);
  expect(readdirSync(outDir).sort()).toEqual(["handler.mjs", "handler.mjs.map"]);
  const bundled = await importBundledHandler(outFile);
  expect(bundled).not.toBe(source);
  await expect(bundled(event("file"), context)).rejects.toMatchObject({
    code: "ENOENT",
    path: join(outDir, "beside.json"),
  });
  await expect(bundled(event("package"), context)).rejects.toMatchObject({ code: "MODULE_NOT_FOUND" });
});
