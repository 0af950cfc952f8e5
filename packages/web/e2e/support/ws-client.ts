import { ChatClient } from "@chat/test-support/ws-client";

/**
 * Sends chat messages the way any non-browser client would, one after another, and resolves
 * once the server has echoed every one of them.
 */
export async function sendWithWebSocket(wsUrl: string, roomId: string, name: string, texts: string[]): Promise<void> {
  const client = await ChatClient.connect(wsUrl, { roomId, name });
  try {
    const ids = texts.map((_, index) => `ws-client-${index}`);
    for (const [index, text] of texts.entries()) client.sendMessage(text, ids[index]);
    await client.until(() => {
      const echoed = new Set(client.ofType("message").map((frame) => frame.message.clientMessageId));
      return ids.every((id) => echoed.has(id));
    });
  } finally {
    await client.close();
  }
}
