import WebSocket from "ws";

/**
 * Sends chat messages the way any non-browser client would, one after another, and resolves
 * once the server has echoed every one of them.
 */
export async function sendWithWebSocket(wsUrl: string, roomId: string, name: string, texts: string[]): Promise<void> {
  const url = `${wsUrl}?roomId=${encodeURIComponent(roomId)}&name=${encodeURIComponent(name)}`;
  const socket = new WebSocket(url);
  try {
    await new Promise<void>((opened, failed) => {
      socket.once("open", () => opened());
      socket.once("error", failed);
    });
    const waiting = new Set(texts.map((_, index) => `ws-client-${index}`));
    const allEchoed = new Promise<void>((done) => {
      socket.on("message", (data) => {
        const frame = JSON.parse(String(data)) as { type?: string; message?: { clientMessageId?: string } };
        if (frame.type === "message" && frame.message?.clientMessageId) waiting.delete(frame.message.clientMessageId);
        if (waiting.size === 0) done();
      });
    });
    texts.forEach((text, index) => {
      socket.send(JSON.stringify({ action: "sendMessage", data: { message: text, clientMessageId: `ws-client-${index}` } }));
    });
    await allEchoed;
  } finally {
    socket.close();
  }
}
