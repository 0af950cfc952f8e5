import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { clientAddress } from "./gateway-headers";
import { isStatusCode } from "./http-emulator";
import { asGatewayWaits, IntegrationTimedOut, WEBSOCKET_INTEGRATION_TIMEOUT_MS } from "./integration-timeout";
import type { LambdaFunction } from "./lambda";
import { handleManagementRequest } from "./management-api";
import { routeThrottle, type StageThrottling } from "./stage-throttle";
import { type LocalCertificate, listenPlainAndTls, makeLocalCertificate } from "./tls-port";
import { authorize, type ConnectAuthorizer } from "./ws-authorizer";
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_MAX_CONNECTION_SECONDS,
  DEFAULT_PING_SECONDS,
} from "./ws-connection-limits";
import {
  type ConnectionInfo,
  connectEvent,
  disconnectEvent,
  messageEvent,
  newConnectionId,
  selectRoute,
} from "./ws-events";
import { handshakeProblem } from "./ws-handshake";

// API Gateway's WebSocket frame limit; browsers send each message as one frame.
const MAX_FRAME_BYTES = 32 * 1024;
/** A frame API Gateway itself sends: it names the connection and the request. */
const gatewayFrame = (message: string, connectionId: string, requestId: string) =>
  JSON.stringify({ message, connectionId, requestId });

// The close code for a binary frame: API Gateway WebSocket APIs take text only.
const UNSUPPORTED_DATA = 1003;
// API Gateway's close code for idle and maximum-duration limits.
const GOING_AWAY = 1001;
/**
 * The most a connection may have waiting to be written (ws's `bufferedAmount`,
 * which already counts the socket's writable length) before the emulator ends
 * it: a client that stops reading cannot make the server buffer without bound.
 * Measured after each frame is queued, so at most this plus one frame is held.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * How much of one connection's input may wait for its turn (its frames are handled one at a
 * time) before the emulator stops reading from it: a client that sends faster than its routes
 * are handled is then held back by TCP, its frames waiting in its own buffers, and the server's
 * queue stays bounded. Reading resumes once half of it is handled. Each frame counts its bytes
 * plus FRAME_OVERHEAD_BYTES for its event, so about 1,000 small frames or 31 of 32 KiB. Frames
 * already read when it stops are queued too: at most one read's worth (64 KiB) more.
 */
export const MAX_WAITING_BYTES = 1024 * 1024;
export const FRAME_OVERHEAD_BYTES = 1024;
// How a connection cut off by the emulator ends (slow client, unanswered ping):
// the socket is dropped without a close frame, which could not get through a
// full buffer anyway, so both sides and $disconnect see 1006.
const ABNORMAL_CLOSURE = 1006;

export interface LiveConnection extends ConnectionInfo {
  socket: WebSocket | undefined;
  open: boolean;
  /** Set once $disconnect has been started for this connection: it runs once per successful $connect. */
  disconnected: boolean;
  /** The most bytes ever waiting to be written to this connection, right after a frame was queued. */
  peakBufferedBytes: number;
  /** The most of its input ever waiting for its turn, counted as for MAX_WAITING_BYTES. */
  peakWaitingBytes: number;
  /**
   * Queues a text frame; false if the connection is gone, or if this frame took its
   * send buffer past MAX_BUFFERED_BYTES, which ends the connection (1006).
   */
  send(data: string): boolean;
}

type Handlers = Record<string, Pick<LambdaFunction, "invoke">>;

export interface WebSocketEmulator {
  url: string;
  managementEndpoint: string;
  /**
   * The port also speaks TLS (wss://, https://), with this certificate: what a
   * handler builds from its event, `https://{domainName}/{stage}`, reaches it.
   */
  certificate: LocalCertificate;
  connections: ReadonlyMap<string, LiveConnection>;
  stop(): Promise<void>;
}

/**
 * An API Gateway WebSocket API in front of the handlers: $connect during the
 * handshake (a non-2xx answer refuses it), route selection on `action`,
 * $default, 1009 past the frame limit, idle and maximum-duration closes,
 * $disconnect, and the @connections management endpoint on the same port.
 */
export async function startWebSocketEmulator(options: {
  /** 0 picks a free port; `url` says which. */
  port: number;
  /** May still be loading (a promise), as for the HTTP emulator: handshakes wait for them. */
  handlers: Handlers | Promise<Handlers>;
  /** The $connect route's Lambda authorizer, if it has one (may still be loading, as the handlers). */
  authorizer?: ConnectAuthorizer | Promise<ConnectAuthorizer | undefined>;
  /** Default API Gateway's 10 minutes. */
  idleTimeoutSeconds?: number;
  /** Default API Gateway's 2 hours. */
  maxConnectionSeconds?: number;
  /** Seconds between pings; a connection from which nothing (a pong, a frame) came since the previous one is ended (1006). */
  pingSeconds?: number;
  /** For TLS on the same port; one is made if absent. */
  certificate?: LocalCertificate | Promise<LocalCertificate>;
  /** How long a frame's route is waited for (default API Gateway's 29 s); then its error frame. */
  integrationTimeoutMs?: number;
  /** The stage's route throttling (none if absent): a handshake past `$connect`'s is refused with 429. */
  throttling?: StageThrottling;
}): Promise<WebSocketEmulator> {
  const pingMs = (options.pingSeconds ?? DEFAULT_PING_SECONDS) * 1000;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? WEBSOCKET_INTEGRATION_TIMEOUT_MS;
  let handlers: Handlers = {};
  let routes = new Set<string>();
  let authorizer: ConnectAuthorizer | undefined;
  const loaded = Promise.all([options.handlers, options.authorizer]).then(([resolved, connectAuthorizer]) => {
    handlers = resolved;
    routes = new Set(Object.keys(resolved));
    authorizer = connectAuthorizer;
  });
  // Failing to load is the caller's to report (it awaits the same promise).
  loaded.catch(() => undefined);
  let port = options.port;
  const admitConnect = routeThrottle(options.throttling);
  const connections = new Map<string, LiveConnection>();
  const pending = new Set<Promise<unknown>>();
  let queuedWork = 0;
  // Handshakes between the start of $connect and the end of the upgrade (or their $disconnect).
  let upgrading = 0;
  let stopping = false;
  // What each handshake's $connect answered with, for the 101 response.
  const connectHeaders = new WeakMap<IncomingMessage, Record<string, string>>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    // As API Gateway: the subprotocol is the one $connect returned in Sec-WebSocket-Protocol;
    // none when it returned none (a browser that asked for one then fails the connection).
    handleProtocols: (protocols, request) => {
      const chosen = headerOf(connectHeaders.get(request), "sec-websocket-protocol");
      return chosen !== undefined && protocols.has(chosen) ? chosen : false;
    },
  });
  // Other headers $connect returned go on the 101 response, as API Gateway sends them.
  wss.on("headers", (headers, request) => {
    for (const [name, value] of Object.entries(connectHeaders.get(request) ?? {})) {
      if (name.toLowerCase() !== "sec-websocket-protocol") headers.push(`${name}: ${value}`);
    }
  });

  /** Runs a route's handler; a route with none ($connect, $disconnect are optional) answers 200. */
  function invoke(routeKey: string, event: unknown) {
    const route = handlers[routeKey];
    if (!route) return Promise.resolve({ statusCode: 200 });
    const run = route.invoke(event);
    pending.add(run);
    run.catch(() => undefined).finally(() => pending.delete(run));
    return run;
  }

  /** $disconnect, at most once per connection, for a $connect that succeeded. */
  function disconnect(connection: LiveConnection, code: number, reason: string) {
    if (connection.disconnected) return Promise.resolve();
    connection.disconnected = true;
    return invoke("$disconnect", disconnectEvent(connection, code, reason));
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    // Refused before $connect runs: a handshake `ws` would refuse must not join anyone.
    const problem = handshakeProblem(request);
    if (problem) {
      return refuse(socket, 400, problem.includes("Version") ? { "Sec-WebSocket-Version": "13, 8" } : {});
    }
    // Shutting down: clients that reconnect at once are turned away, not let back in.
    if (stopping) return refuse(socket, 503);
    if (!admitConnect("$connect")) return refuse(socket, 429);
    upgrading++;
    try {
      await loaded;
      await connectAndUpgrade(request, socket, head);
    } finally {
      upgrading--;
    }
  }

  async function connectAndUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const now = Date.now();
    const connection: LiveConnection = {
      connectionId: newConnectionId(),
      connectedAt: now,
      lastActiveAt: now,
      sourceIp: clientAddress(request),
      userAgent: request.headers["user-agent"] ?? null,
      domainName: request.headers.host ?? `127.0.0.1:${port}`,
      socket: undefined,
      open: false,
      disconnected: false,
      peakBufferedBytes: 0,
      peakWaitingBytes: 0,
      send: (data) => send(connection, data),
    };
    if (authorizer) {
      const authorization = await authorize(authorizer, connection, request);
      if (!authorization.allowed) return refuse(socket, authorization.status);
      connection.authorizer = authorization.context;
    }
    let status: number;
    try {
      const result = (await invoke("$connect", connectEvent(connection, request))) as
        | { statusCode?: number; headers?: Record<string, unknown> }
        | undefined;
      status = result?.statusCode ?? 200;
      connectHeaders.set(request, writableHeaders(result?.headers));
      // A status that is not one (a string, NaN) is a malformed answer: API Gateway refuses with 500.
      if (!isStatusCode(status)) {
        console.error("[ws] $connect returned a malformed response (statusCode)");
        status = 500;
      }
    } catch (error) {
      console.error("[ws] $connect failed", error);
      status = 500;
    }
    if (status < 200 || status > 299) return refuse(socket, status);
    // From here on $connect has succeeded: whatever becomes of the handshake, $disconnect runs.
    if (socket.destroyed) {
      // The client gave up during $connect: API Gateway would run $disconnect.
      await disconnect(connection, 1006, "client went away");
      return;
    }
    const accepted = await new Promise<boolean>((resolve) => {
      // ws may still drop the socket (half-closed by the client, server closing) without calling back.
      socket.once("close", () => resolve(false));
      try {
        wss.handleUpgrade(request, socket, head, (ws) => {
          accept(connection, ws);
          resolve(true);
        });
      } catch (error) {
        console.error("[ws] upgrade failed after $connect", error);
        socket.destroy();
        resolve(false);
      }
    });
    if (!accepted) await disconnect(connection, 1006, "handshake did not complete");
  }

  /**
   * Ends a connection at once, as API Gateway drops a client it cannot serve:
   * no close frame, the socket is destroyed, ws reports 1006 and $disconnect runs.
   * Later posts to it answer 410.
   */
  function cutOff(connection: LiveConnection) {
    connection.open = false;
    connections.delete(connection.connectionId);
    connection.socket?.terminate();
  }

  function send(connection: LiveConnection, data: string) {
    const ws = connection.socket;
    if (!connection.open || !ws) return false;
    ws.send(data);
    const buffered = ws.bufferedAmount;
    connection.peakBufferedBytes = Math.max(connection.peakBufferedBytes, buffered);
    if (buffered <= MAX_BUFFERED_BYTES) return true;
    console.error(`[ws] a connection's send buffer passed ${MAX_BUFFERED_BYTES} bytes: ended (${ABNORMAL_CLOSURE})`);
    cutOff(connection);
    return false;
  }

  function accept(connection: LiveConnection, ws: WebSocket) {
    connection.socket = ws;
    connection.open = true;
    connections.set(connection.connectionId, connection);
    // One connection's frames are handled one at a time, in order.
    let queue: Promise<unknown> = Promise.resolve();
    const enqueue = (work: () => Promise<unknown>) => {
      queuedWork++;
      queue = queue
        .then(work)
        .catch((error) => console.error("[ws] handler failed", error))
        .finally(() => queuedWork--);
    };
    // Half-open clients (gone without a FIN) are found by ping: nothing from it (a pong, a frame)
    // since the last ping ends the connection. Pongs are not activity for the idle timeout.
    let answered = true;
    let waitingBytes = 0;
    const enqueueFrame = (bodyBytes: number, handle: () => Promise<void>) => {
      const cost = bodyBytes + FRAME_OVERHEAD_BYTES;
      waitingBytes += cost;
      connection.peakWaitingBytes = Math.max(connection.peakWaitingBytes, waitingBytes);
      if (waitingBytes >= MAX_WAITING_BYTES) ws.pause();
      enqueue(() =>
        handle().finally(() => {
          waitingBytes -= cost;
          if (ws.isPaused && waitingBytes <= MAX_WAITING_BYTES / 2) {
            // Its pong may be behind the frames not read yet: a full ping interval from here.
            answered = true;
            ws.resume();
          }
        }),
      );
    };
    // A connection whose frames are still waiting is not idle.
    const idleTimer = setTimeout(
      () => {
        if (ws.isPaused) idleTimer.refresh();
        else ws.close(GOING_AWAY, "Going away");
      },
      (options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000,
    );
    const lifetimeTimer = setTimeout(
      () => ws.close(GOING_AWAY, "Going away"),
      (options.maxConnectionSeconds ?? DEFAULT_MAX_CONNECTION_SECONDS) * 1000,
    );
    ws.on("pong", () => (answered = true));
    const pingTimer = setInterval(() => {
      // Not read while its frames wait: neither a pong nor a frame could answer.
      if (ws.isPaused) return;
      if (!answered) {
        console.error(`[ws] a connection did not answer a ping within ${pingMs / 1000} s: ended (${ABNORMAL_CLOSURE})`);
        return cutOff(connection);
      }
      answered = false;
      ws.ping();
    }, pingMs);

    ws.on("message", (data: RawData, isBinary: boolean) => {
      answered = true;
      connection.lastActiveAt = Date.now();
      idleTimer.refresh();
      // API Gateway takes text frames only: a binary frame closes the connection (unsupported data).
      if (isBinary) {
        ws.close(UNSUPPORTED_DATA, "Binary frames are not supported");
        return;
      }
      const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      const body = bytes.toString("utf8");
      const routeKey = selectRoute(body, routes);
      // Its time is its arrival, as API Gateway stamps it, not the moment its turn comes.
      const event = messageEvent(connection, routeKey, body, false);
      enqueueFrame(bytes.length, async () => {
        // No route matched and there is no $default: API Gateway answers "Forbidden".
        if (!handlers[routeKey]) {
          connection.send(gatewayFrame("Forbidden", connection.connectionId, event.requestContext.requestId));
          return;
        }
        try {
          await asGatewayWaits(invoke(routeKey, event), integrationTimeoutMs);
        } catch (error) {
          const timedOut = error instanceof IntegrationTimedOut;
          console.error(`[ws] ${routeKey} ${timedOut ? "timed out" : "failed"}`, timedOut ? error.message : error);
          const answer = timedOut ? "Endpoint request timed out" : "Internal server error";
          connection.send(gatewayFrame(answer, connection.connectionId, event.requestContext.requestId));
        }
      });
    });
    ws.on("error", () => undefined);
    ws.on("close", (code: number, reason: Buffer) => {
      connection.open = false;
      clearTimeout(idleTimer);
      clearTimeout(lifetimeTimer);
      clearInterval(pingTimer);
      if (connections.get(connection.connectionId) === connection) connections.delete(connection.connectionId);
      enqueue(() => disconnect(connection, code, reason.toString()));
    });
  }

  const certificate = await (options.certificate ?? makeLocalCertificate());
  const listening = await listenPlainAndTls(options.port, certificate, (request, response) => {
    handleManagementRequest(request, response, connections).catch((error) => {
      console.error("[ws] management endpoint error", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  for (const server of listening.servers) {
    server.on("upgrade", (request, socket, head) => {
      socket.on("error", () => undefined);
      upgrade(request, socket, head).catch((error) => {
        console.error("[ws] upgrade failed", error);
        refuse(socket, 500);
      });
    });
  }
  port = listening.port;

  return {
    url: `ws://127.0.0.1:${port}`,
    managementEndpoint: `http://127.0.0.1:${port}`,
    certificate,
    connections,
    async stop() {
      stopping = true;
      for (const connection of connections.values()) connection.socket?.close(GOING_AWAY, "Going away");
      // A client that does not answer the close handshake is cut off.
      const cutOff = setTimeout(() => {
        for (const connection of connections.values()) connection.socket?.terminate();
      }, 2000);
      // Let every $disconnect finish so rooms' member counts stay right.
      while (connections.size > 0 || upgrading > 0 || queuedWork > 0 || pending.size > 0) {
        await Promise.allSettled([...pending]);
        await new Promise((done) => setTimeout(done, 10));
      }
      clearTimeout(cutOff);
      wss.close();
      await listening.close();
    },
  };
}

function refuse(socket: Duplex, status: number, headers: Record<string, string> = {}) {
  if (socket.destroyed) return;
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`,
  );
}

/** $connect's response headers that can go on the wire (string, number or boolean values). */
function writableHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const writable: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const text = String(value);
    if (
      ["string", "number", "boolean"].includes(typeof value) &&
      /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) &&
      !/[\r\n]/.test(text)
    ) {
      writable[name] = text;
    }
  }
  return writable;
}

const headerOf = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
