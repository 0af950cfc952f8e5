import { connect, type Socket } from "node:net";
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { useTestStack } from "@chat/test-support/stack";
import { expect, it } from "vitest";

// A handshake that `ws` refuses must not run $connect (it would join a member
// no $disconnect ever removes), and a $connect that succeeded must always be
// followed by $disconnect, whatever becomes of the handshake.
const chat = useTestStack();

const VALID_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

function rawHandshake(
  roomId: string,
  { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string | undefined> },
) {
  const all: Record<string, string | undefined> = {
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": VALID_KEY,
    ...headers,
  };
  const { hostname, port } = new URL(chat.stack.wsUrl);
  const lines = [`${method} /?roomId=${roomId}&name=ghost HTTP/1.1`, `Host: ${hostname}:${port}`];
  for (const [name, value] of Object.entries(all)) if (value !== undefined) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/** Sends a raw request and resolves with the response's status once the server closes the socket. */
function statusOf(request: string): Promise<number> {
  const { hostname, port } = new URL(chat.stack.wsUrl);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname, () => socket.write(request));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      // A refusal that is not closed by the server (404 from the @connections handler) ends here.
      if (/\r\n\r\n/.test(received)) socket.end();
    });
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

const members = async (roomId: string) => (await chat.api.get(`/rooms/${roomId}`)).body.room.members as number;

it.each([
  ["a bogus Sec-WebSocket-Key", { headers: { "Sec-WebSocket-Key": "not-a-key" } }, 400],
  ["a key of 15 bytes", { headers: { "Sec-WebSocket-Key": Buffer.alloc(15).toString("base64") } }, 400],
  ["a missing Sec-WebSocket-Key", { headers: { "Sec-WebSocket-Key": undefined } }, 400],
  ["Sec-WebSocket-Version 12", { headers: { "Sec-WebSocket-Version": "12" } }, 400],
  ["no Sec-WebSocket-Version", { headers: { "Sec-WebSocket-Version": undefined } }, 400],
  ["Upgrade: h2c", { headers: { Upgrade: "h2c" } }, 400],
  ["a duplicated subprotocol", { headers: { "Sec-WebSocket-Protocol": "chat, chat" } }, 400],
  ["a malformed subprotocol list", { headers: { "Sec-WebSocket-Protocol": "chat,,x" } }, 400],
  ["POST", { method: "POST" }, 400],
  // Without an Upgrade header it is a plain request to the @connections endpoint.
  ["no Upgrade header", { headers: { Upgrade: undefined, Connection: undefined } }, 404],
] as const)("a handshake with %s is refused before $connect: no member is added", async (_, variant, status) => {
  const room = await chat.api.createRoom("ghosts");
  const real = await chat.join(room.id, "real");
  expect(await members(room.id)).toBe(1);

  const statuses = await Promise.all(Array.from({ length: 10 }, () => statusOf(rawHandshake(room.id, variant))));
  expect(statuses).toEqual(Array(10).fill(status));
  expect(await members(room.id)).toBe(1);

  // A refused handshake is answered only once $connect would have finished, so any join it
  // caused would already have been posted; the next real join must be the first one heard.
  await chat.join(room.id, "witness");
  const joined = await real.nextOfType("join");
  expect(joined.member.name).toBe("witness");
  expect(real.ofType("join")).toHaveLength(1);
  expect(await members(room.id)).toBe(2);
});

it("a ws-accepted handshake with version 8 still works", async () => {
  const room = await chat.api.createRoom("version 8");
  const request = rawHandshake(room.id, { headers: { "Sec-WebSocket-Version": "8" } });
  const { hostname, port } = new URL(chat.stack.wsUrl);
  const status = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.once("data", (chunk) => {
      resolve(chunk.toString("latin1").split("\r\n")[0]!);
      socket.destroy();
    });
    socket.on("error", reject);
  });
  expect(status).toBe("HTTP/1.1 101 Switching Protocols");
});

it("a client that half-closes during $connect still gets $disconnect once $connect succeeded", async () => {
  const room = await chat.api.createRoom("half-closed");
  const real = await chat.join(room.id, "real");
  const { hostname, port } = new URL(chat.stack.wsUrl);
  const attempts = 5;
  await Promise.all(
    Array.from({ length: attempts }, () => {
      const socket = connect(Number(port), hostname, () => {
        // The request, then FIN at once: ws drops such a socket without completing the upgrade.
        socket.end(rawHandshake(room.id, {}));
      });
      socket.on("error", () => undefined);
      socket.resume();
      return new Promise((closed) => socket.on("close", closed));
    }),
  );
  // Every ghost joined ($connect ran and succeeded), and every one of them leaves.
  await real.until(() => real.ofType("join").length === attempts && real.ofType("leave").length === attempts);
  expect(await members(room.id)).toBe(1);
});

it("removes a member whose connection record DynamoDB's TTL deleted, once a post finds it gone", async () => {
  const room = await chat.api.createRoom("ghost after the TTL");
  const { join, membersOf } = await import("@chat/core/presence");
  const { db, tableName } = await import("@chat/core/db");
  const { connectionKey } = await import("@chat/core/keys");
  // Joined hours ago, its $disconnect never came, and its connection record has expired since.
  const ghost = { connectionId: "gone-hours-ago=", roomId: room.id, member: { id: "ghost-id", name: "Ghost" } };
  await join(ghost, { now: Date.now() - 4 * 3600_000 });
  await db.send(new DeleteCommand({ TableName: tableName(), Key: connectionKey(ghost.connectionId) }));

  // Telling the room of a newcomer posts to the ghost, finds its connection gone, and removes it.
  const writer = await chat.join(room.id, "writer");
  const names = async () => (await membersOf(room.id)).map((presence) => presence.member.name);
  await expect.poll(names, { timeout: 10_000 }).toEqual(["writer"]);
  expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(1);
  writer.send({ action: "hello" });
  expect((await writer.nextOfType("welcome")).members.map((member: { name: string }) => member.name)).toEqual([
    "writer",
  ]);
});
