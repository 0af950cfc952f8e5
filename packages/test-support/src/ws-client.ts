import WebSocket from "ws";

/** A server frame as received: tests read whichever fields the frame's type has. */
// biome-ignore lint/suspicious/noExplicitAny: frames are checked by the tests' own assertions
export type Frame = Record<string, any>;

/** A real WebSocket client that records every frame it receives. */
export class ChatClient {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.wake();
    });
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Connects, or rejects with the handshake's HTTP status when it is refused. */
  static connect(url: string, query: Record<string, string>, options?: WebSocket.ClientOptions): Promise<ChatClient> {
    const search = new URLSearchParams(query).toString();
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${url}/?${search}`, options);
      const client = new ChatClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("unexpected-response", (_request, response) =>
        reject(Object.assign(new Error(`handshake refused: ${response.statusCode}`), { status: response.statusCode })),
      );
      socket.once("error", reject);
    });
  }

  send(frame: unknown) {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  sendMessage(message: string, clientMessageId?: string) {
    this.send({ action: "sendMessage", data: { message, clientMessageId } });
  }

  ofType(type: string) {
    return this.frames.filter((frame) => frame.type === type);
  }

  /** Resolves once `done()` holds, checked on every frame; fails after `timeoutMs`. */
  async until<T>(done: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = done();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** The next frame of a type, counting from `after` frames already seen. */
  nextOfType(type: string, after = 0) {
    return this.until(() => this.ofType(type)[after]);
  }

  async close() {
    if (this.closed) return;
    this.socket.close();
    await this.until(() => this.closed);
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
