// The baseline child: a bare `ws` broadcast server, no database and no
// handlers, speaking just enough of the chat's protocol for the same load
// generator: POST /rooms gives a room id, and a sendMessage frame is broadcast
// as a message frame to every member of the sender's room, the sender included.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { serveParent } from "./ipc-child";

const rooms = new Map<string, Set<WebSocket>>();
let sequence = 0;

const http = createServer((request, response) => {
  if (request.method === "POST" && request.url === "/rooms") {
    request.resume();
    const room = { id: randomUUID(), name: "bench", createdAt: new Date().toISOString(), members: 0 };
    response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ room }));
    return;
  }
  response.writeHead(404).end();
});

const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on("connection", (socket, request) => {
  const query = new URL(request.url ?? "/", "http://local").searchParams;
  const roomId = query.get("roomId") ?? "";
  const author = { id: randomUUID(), name: query.get("name") ?? "guest" };
  const members = rooms.get(roomId) ?? new Set<WebSocket>();
  rooms.set(roomId, members.add(socket));
  socket.on("close", () => members.delete(socket));
  socket.on("message", (data) => {
    const frame = JSON.parse(data.toString());
    const message = {
      id: String(++sequence).padStart(12, "0"),
      roomId,
      text: frame.data.message,
      author,
      sentAt: new Date().toISOString(),
      clientMessageId: frame.data.clientMessageId,
    };
    const encoded = JSON.stringify({ type: "message", message });
    for (const member of members) member.send(encoded);
  });
});

http.listen(0, "127.0.0.1", () => {
  const { port } = http.address() as { port: number };
  serveParent({ apiUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, childPids: [] }, (kind) => {
    if (kind === "stop") setImmediate(() => process.exit(0));
    return undefined;
  });
});
