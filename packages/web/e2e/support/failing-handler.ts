import type { Page } from "playwright-core";

/** What API Gateway sends back on the connection when the function behind a route fails or times out. */
const GATEWAY_ERROR_FRAME = JSON.stringify({
  message: "Internal server error",
  connectionId: "routed-in-the-page",
  requestId: "routed-in-the-page",
});

/**
 * Makes the page's WebSocket behave as if the sendMessage function failed for the texts in
 * `failing`: those frames are answered with API Gateway's error frame and never reach the
 * server. Every other frame goes through both ways. Set up before the page connects; change
 * `failing` at any time.
 */
export async function failSendMessageFor(page: Page, failing: Set<string>): Promise<void> {
  await page.routeWebSocket(
    (url) => url.protocol === "ws:",
    (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((frame) => {
        if (typeof frame === "string" && failing.has(sendMessageText(frame) ?? "")) socket.send(GATEWAY_ERROR_FRAME);
        else server.send(frame);
      });
    },
  );
}

function sendMessageText(frame: string): string | undefined {
  try {
    const parsed = JSON.parse(frame) as { action?: unknown; data?: { message?: unknown } };
    return parsed.action === "sendMessage" && typeof parsed.data?.message === "string"
      ? parsed.data.message
      : undefined;
  } catch {
    return undefined;
  }
}
