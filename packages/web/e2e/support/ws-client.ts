import WebSocket from "ws";

/** Sends one chat message the way any non-browser client would, and waits for its echo. */
export async function sendWithWebSocket(wsUrl: string, roomId: string, name: string, text: string): Promise<void> {
  const url = `${wsUrl}?roomId=${encodeURIComponent(roomId)}&name=${encodeURIComponent(name)}`;
  const socket = new WebSocket(url);
  try {
    await new Promise<void>((opened, failed) => {
      socket.once("open", () => opened());
      socket.once("error", failed);
    });
    const echoed = new Promise<void>((done) => {
      socket.on("message", (data) => {
        const frame = JSON.parse(String(data)) as { type?: string; message?: { clientMessageId?: string } };
        if (frame.type === "message" && frame.message?.clientMessageId === "ws-client-1") done();
      });
    });
    socket.send(JSON.stringify({ action: "sendMessage", data: { message: text, clientMessageId: "ws-client-1" } }));
    await echoed;
  } finally {
    socket.close();
  }
}
