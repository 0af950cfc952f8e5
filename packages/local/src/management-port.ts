// The @connections calls of this app's own handlers travel to the WebSocket
// emulator over a MessagePort instead of a TCP connection: every call is still
// built, signed and answered as it would be against API Gateway, and the
// emulator answers it with the same code as over HTTP, without an HTTP
// exchange per post (which cost more CPU than the rest of a post together).
// The port is handed only to execution environments the runtime starts, so
// the signature check that guards the network endpoint is not repeated here.
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { setManagementTransport } from "@chat/core/management-transport";
import { MAX_POST_BYTES, type ManagementAnswer, type ManagementCall } from "./management-api";

interface PortCall {
  id: number;
  method: string;
  path: string;
  body?: Uint8Array;
}

interface PortAnswer {
  id: number;
  answer: ManagementAnswer;
}

// The calls an environment makes in one turn of its event loop (a fan-out's posts) cross the
// port as one message, and their answers come back as one: a message each way per call cost
// more CPU, in both threads, than answering the call.

/** The emulator's side: a new port whose calls `answer` answers; give the other end to one environment. */
export function openManagementPort(answer: (call: ManagementCall) => ManagementAnswer): MessagePort {
  const { port1: served, port2: handedOut } = new MessageChannel();
  served.on("message", (calls: PortCall[]) => {
    served.postMessage(
      calls.map(({ id, method, path, body }): PortAnswer => {
        const bytes = body && Buffer.from(body.buffer, body.byteOffset, body.byteLength);
        const call = {
          method,
          path,
          body: bytes && bytes.length > MAX_POST_BYTES ? undefined : (bytes ?? Buffer.alloc(0)),
        };
        return { id, answer: answer(call) };
      }),
    );
  });
  served.unref();
  return handedOut;
}

interface SdkRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** The environment's side: an SDK request handler (smithy's HttpHandler) that sends over the port. */
export class ManagementPortHandler {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: ManagementAnswer) => void>();
  private unsent: PortCall[] = [];

  constructor(private readonly port: MessagePort) {
    port.on("message", (answers: PortAnswer[]) => {
      for (const { id, answer } of answers) {
        this.waiting.get(id)?.(answer);
        this.waiting.delete(id);
      }
    });
    port.unref();
  }

  private send(call: PortCall) {
    this.unsent.push(call);
    if (this.unsent.length > 1) return;
    setImmediate(() => {
      const calls = this.unsent;
      this.unsent = [];
      this.port.postMessage(calls);
    });
  }

  async handle(request: SdkRequest) {
    const id = this.nextId++;
    const body =
      typeof request.body === "string"
        ? Buffer.from(request.body)
        : request.body instanceof Uint8Array
          ? request.body
          : undefined;
    const answer = await new Promise<ManagementAnswer>((resolve) => {
      this.waiting.set(id, resolve);
      this.send({ id, method: request.method, path: request.path, body });
    });
    return {
      response: { statusCode: answer.status, headers: answer.headers, body: Buffer.from(answer.body) },
    };
  }

  updateHttpClientConfig() {}

  httpHandlerConfigs() {
    return {};
  }

  destroy() {
    this.port.close();
  }
}

/** Points an SDK client's requests at the port (before its first call: clients may cache their handlers). */
export function useManagementPort(client: { config: { requestHandler: unknown } }, port: MessagePort) {
  setManagementTransport(client, new ManagementPortHandler(port));
}
