import type { HttpHandlerOptions, HttpRequest, HttpResponse } from "@smithy/types";

// Every call to the @connections API, an SDK command or a direct post
// (connection-post.ts), leaves through the management client's request
// handler. This wraps that handler once so that code beside the handlers (the
// local runtime's grant check and transport, the bench's meter, tests) can
// watch or refuse the calls, whichever way they were made, and can swap the
// transport under the wrappers in any order.

export type ManagementRequest = HttpRequest;
export type ManagementResponse = HttpResponse;

/** A transport for the calls: smithy's HttpHandler, or anything with its `handle`. */
export interface ManagementTransport {
  handle(request: ManagementRequest, options?: HttpHandlerOptions): Promise<{ response: ManagementResponse }>;
  updateHttpClientConfig?(key: never, value: never): void;
  httpHandlerConfigs?(): object;
  destroy?(): void;
}

export type ManagementCommand = "PostToConnection" | "GetConnection" | "DeleteConnection";

const commandByMethod: Record<string, ManagementCommand> = {
  POST: "PostToConnection",
  GET: "GetConnection",
  DELETE: "DeleteConnection",
};

export interface ManagementCall {
  command: ManagementCommand;
  connectionId: string;
  request: ManagementRequest;
}

/** Watches or answers one call: `send` passes it on (to the next interceptor, then the transport). */
export type ManagementInterceptor = (
  call: ManagementCall,
  send: () => Promise<ManagementResponse>,
) => Promise<ManagementResponse>;

function callOf(request: ManagementRequest): ManagementCall {
  const encodedId = request.path.slice(request.path.lastIndexOf("/") + 1);
  return {
    command: commandByMethod[request.method] ?? "PostToConnection",
    connectionId: decodeURIComponent(encodedId),
    request,
  };
}

class InterceptingHandler implements ManagementTransport {
  readonly interceptors: ManagementInterceptor[] = [];

  constructor(public transport: ManagementTransport) {}

  async handle(request: ManagementRequest, options?: HttpHandlerOptions) {
    const call = callOf(request);
    let send = async () => (await this.transport.handle(request, options)).response;
    for (const interceptor of this.interceptors) {
      const next = send;
      send = () => interceptor(call, next);
    }
    return { response: await send() };
  }

  updateHttpClientConfig(key: never, value: never) {
    this.transport.updateHttpClientConfig?.(key, value);
  }

  httpHandlerConfigs() {
    return this.transport.httpHandlerConfigs?.() ?? {};
  }

  destroy() {
    this.transport.destroy?.();
  }
}

type ManagementClientLike = { config: { requestHandler: unknown } };

/**
 * Puts the interceptors' place in front of the client's transport; call it as
 * the client is made, since a client that caches its middleware keeps the
 * handler it had at its first call (interceptors added later still run).
 */
export function makeInterceptable(client: ManagementClientLike): void {
  intercepting(client);
}

function intercepting(client: ManagementClientLike): InterceptingHandler {
  const current = client.config.requestHandler;
  if (current instanceof InterceptingHandler) return current;
  const wrapped = new InterceptingHandler(current as ManagementTransport);
  client.config.requestHandler = wrapped;
  return wrapped;
}

/** Runs `interceptor` around every call the client makes from now on; the one added last runs first. */
export function interceptManagementCalls(client: ManagementClientLike, interceptor: ManagementInterceptor) {
  intercepting(client).interceptors.push(interceptor);
}

/** Replaces the transport the client's calls leave by, keeping the interceptors. */
export function setManagementTransport(client: ManagementClientLike, transport: ManagementTransport) {
  intercepting(client).transport = transport;
}
