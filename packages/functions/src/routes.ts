// The one list of routes and the handler file behind each, shared by the SST
// config (infra/) and the local runtime (packages/local), so both wire the same code.
export const httpRoutes = {
  "POST /rooms": "create-room",
  "GET /rooms": "list-rooms",
  "GET /rooms/{roomId}": "get-room",
  "GET /rooms/{roomId}/messages": "list-messages",
  // Answers the contract's 404 body for any other path or method.
  $default: "not-found",
} as const;

export const webSocketRoutes = {
  $connect: "connect",
  $disconnect: "disconnect",
  $default: "default",
  sendMessage: "send-message",
  typing: "typing",
  hello: "hello",
} as const;

export const handlerPath = (kind: "http" | "ws", file: string) =>
  `packages/functions/src/${kind}/${file}.handler`;
