import { WebSocket } from "ws";
import { nextClientAddress } from "./client-addresses";

// A handshake that takes longer than this fails the bench instead of hanging it.
const HANDSHAKE_TIMEOUT_MS = 30_000;

const PRESENCE_FRAMES = new Set(["join", "leave", "presence", "presenceCount"]);

/** What a client saw that the chat's contract says it should not. */
export interface ClientProblems {
  errorFrames: number;
  unexpectedCloses: number;
}

export interface Delivery {
  clientMessageId: string;
  receiver: BenchClient;
  receivedAt: number;
}

/**
 * One chat member: a real WebSocket connection to a room. It hands every
 * "message" frame to `onDelivery` with its receive time; error frames and
 * unexpected closes are counted.
 */
export class BenchClient {
  socket!: WebSocket;
  readonly problems: ClientProblems = { errorFrames: 0, unexpectedCloses: 0 };
  /** "leave" frames received (members who left or were found gone). */
  leaves = 0;
  /** Presence posts received: join, leave, presence and presenceCount frames. */
  presencePosts = 0;
  /** The room's member count this client would show: the newest one (by countedAt) it was told. */
  shownMembers: number | undefined;
  private shownCountedAt = 0;
  private closing = false;

  constructor(
    readonly roomIndex: number,
    /** Position within its room, 0..C-1. */
    readonly memberIndex: number,
    private readonly onDelivery: (delivery: Delivery) => void,
  ) {}

  connect(wsUrl: string, roomId: string): Promise<void> {
    const url = `${wsUrl}/?roomId=${encodeURIComponent(roomId)}&name=r${this.roomIndex}m${this.memberIndex}`;
    this.socket = new WebSocket(url, {
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      localAddress: nextClientAddress(),
    });
    this.socket.on("message", (data) => this.receive(data.toString()));
    return new Promise((resolve, reject) => {
      this.socket.once("open", () => {
        this.socket.on("close", () => {
          if (!this.closing) this.problems.unexpectedCloses++;
        });
        resolve();
      });
      this.socket.once("error", reject);
      this.socket.once("unexpected-response", (_request, response) =>
        reject(new Error(`handshake refused: HTTP ${response.statusCode}`)),
      );
    });
  }

  send(text: string, clientMessageId: string) {
    this.socket.send(JSON.stringify({ action: "sendMessage", data: { message: text, clientMessageId } }));
  }

  private receive(raw: string) {
    const receivedAt = performance.now();
    const frame = JSON.parse(raw);
    if (frame.type === "message") {
      this.onDelivery({ clientMessageId: frame.message.clientMessageId, receiver: this, receivedAt });
    } else if (PRESENCE_FRAMES.has(frame.type)) {
      this.presencePosts++;
      if (frame.type === "leave") this.leaves++;
      if (frame.type === "presence") this.leaves += frame.left.length;
      if (frame.type === "presenceCount") this.leaves += frame.left;
      // Batched notices can arrive out of order: the newest count wins (join and leave carry none).
      const countedAt = frame.countedAt ?? 0;
      if (countedAt >= this.shownCountedAt) {
        this.shownCountedAt = countedAt;
        this.shownMembers = frame.members;
      }
    } else if (frame.type === "error" || frame.message === "Internal server error") {
      this.problems.errorFrames++;
    }
  }

  /** Leaves with a close handshake: the server runs $disconnect. */
  close() {
    this.closing = true;
    this.socket?.close(1000);
  }

  /** Drops the connection without a close handshake (the server may be gone already). */
  terminate() {
    this.closing = true;
    this.socket?.terminate();
  }
}

export async function createRoom(apiUrl: string, name: string): Promise<string> {
  const response = await fetch(`${apiUrl}/rooms`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`POST /rooms answered ${response.status}`);
  return ((await response.json()) as { room: { id: string } }).room.id;
}
