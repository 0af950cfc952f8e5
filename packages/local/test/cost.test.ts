import { httpClient } from "@chat/test-support/http";
import { IN_PROCESS, startTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Stack } from "../src/stack";

let stack: Stack;
const commands: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({}, { functions: IN_PROCESS });
  const { dynamo } = await import("@chat/core/db");
  dynamo.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(context.commandName ?? "unknown");
      return next(args);
    },
    { step: "initialize", name: "countCommands" },
  );
});
afterAll(() => stack?.stop());

it("a burst of messages costs one UpdateItem, one PutItem and one members Query each", async () => {
  const room = await httpClient(stack.apiUrl).createRoom("cost");
  const [sender, reader] = [
    await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "sender" }),
    await ChatClient.connect(stack.wsUrl, { roomId: room.id, name: "reader" }),
  ];
  await sender.nextOfType("join");
  commands.length = 0;
  for (let index = 0; index < 10; index++) sender.sendMessage(`burst ${index}`);
  await reader.until(() => reader.ofType("message").length === 10);
  const count = (name: string) => commands.filter((command) => command === name).length;
  expect(count("UpdateItemCommand")).toBe(10);
  expect(count("PutItemCommand")).toBe(10);
  expect(count("QueryCommand")).toBe(10);
  expect(commands).toHaveLength(30);
  await Promise.all([sender.close(), reader.close()]);
});
