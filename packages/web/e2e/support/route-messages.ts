import type { Page } from "playwright-core";

/**
 * What happens to a sendMessage frame on its way: `deliver` it; `fail` it as API Gateway does
 * when the function behind the route fails (its error frame comes back, the server sees
 * nothing); deliver it but `hideEcho`, so the page never sees the message come back; or drop
 * the connection (a network that goes away): `dropBefore` the frame reaches the server, or
 * `dropAfter` handing it over, so that it may be stored or not.
 */
export type SendMessageFate = "deliver" | "fail" | "hideEcho" | "dropBefore" | "dropAfter";

const DROPPED = { code: 4000, reason: "the test dropped the connection" };

const GATEWAY_ERROR_FRAME = JSON.stringify({
  message: "Internal server error",
  connectionId: "routed-in-the-page",
  requestId: "routed-in-the-page",
});

/**
 * Routes the page's WebSocket through the test: each sendMessage frame meets the fate that
 * `fateOf` gives its text; every other frame goes through both ways. Set up before the page
 * connects; it stays for reloads.
 */
export async function routeSendMessage(page: Page, fateOf: (text: string) => SendMessageFate): Promise<void> {
  const hiddenEchoes = new Set<string>();
  await page.routeWebSocket(
    (url) => url.protocol === "ws:",
    (socket) => {
      const server = socket.connectToServer();
      // Once dropped, nothing more reaches the page, as on a network that went away (a frame
      // from the server forwarded to the closing page socket would throw in the page).
      let dropped = false;
      socket.onMessage((frame) => {
        if (dropped) return;
        const text = typeof frame === "string" ? textOf(frame, "sendMessage") : undefined;
        const fate = text === undefined ? "deliver" : fateOf(text);
        if (fate === "fail") return socket.send(GATEWAY_ERROR_FRAME);
        if (fate === "hideEcho" && text !== undefined) hiddenEchoes.add(text);
        if (fate !== "dropBefore") server.send(frame);
        if (fate === "dropBefore" || fate === "dropAfter") {
          dropped = true;
          void socket.close(DROPPED);
          void server.close(DROPPED);
        }
      });
      server.onMessage((frame) => {
        if (dropped) return;
        const echoed = typeof frame === "string" ? textOf(frame, "message") : undefined;
        if (echoed === undefined || !hiddenEchoes.has(echoed)) socket.send(frame);
      });
    },
  );
}

/** The message text of a client's sendMessage frame or a server's message frame. */
function textOf(frame: string, kind: "sendMessage" | "message"): string | undefined {
  try {
    const parsed = JSON.parse(frame) as {
      action?: unknown;
      type?: unknown;
      data?: { message?: unknown };
      message?: { text?: unknown };
    };
    const text =
      kind === "sendMessage"
        ? parsed.action === kind && parsed.data?.message
        : parsed.type === kind && parsed.message?.text;
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}
