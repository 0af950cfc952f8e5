// One port that speaks plain HTTP and HTTPS: what a handler builds from its
// event, `https://{domainName}/{stage}` (AWS's own samples do), reaches the
// same emulator as `ws://` and `http://`. The first byte of a connection tells
// them apart (a TLS handshake starts with 0x16, no HTTP method does).
import { X509Certificate } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer as createPlainServer, type RequestListener, type Server } from "node:http";
import { createServer as createSecureServer } from "node:https";
import { createServer as createTcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duplex } from "node:stream";
import { generate } from "selfsigned";
import { listen } from "./ports";

const TLS_HANDSHAKE = 0x16;

/** A certificate for 127.0.0.1 and localhost, made now, that the runtime's own clients trust. */
export interface LocalCertificate {
  key: string;
  cert: string;
}

// Kept between starts (only this user may read it): making one costs most of a second.
const CERTIFICATE_FILE = join(tmpdir(), `chat-local-certificate-${process.getuid?.() ?? "user"}.json`);
const RENEW_BEFORE_MS = 7 * 24 * 3600_000;

export async function makeLocalCertificate(): Promise<LocalCertificate> {
  try {
    const kept = JSON.parse(readFileSync(CERTIFICATE_FILE, "utf8")) as LocalCertificate;
    if (new X509Certificate(kept.cert).validToDate.getTime() - Date.now() > RENEW_BEFORE_MS) return kept;
  } catch {
    // None kept yet, or unreadable: make one.
  }
  const made = await generateCertificate();
  writeFileSync(CERTIFICATE_FILE, JSON.stringify(made), { mode: 0o600 });
  return made;
}

async function generateCertificate(): Promise<LocalCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "chat local runtime" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 365 * 24 * 3600_000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export interface DualServer {
  /** Both servers: attach `upgrade` listeners to each. */
  servers: Server[];
  port: number;
  close(): Promise<void>;
}

/** Serves `onRequest` on 127.0.0.1:`port` over plain HTTP and over TLS with `certificate`. */
export async function listenPlainAndTls(
  port: number,
  certificate: LocalCertificate,
  onRequest: RequestListener,
): Promise<DualServer> {
  const plain = createPlainServer(onRequest);
  const secure = createSecureServer({ key: certificate.key, cert: certificate.cert }, onRequest);
  // No Nagle delay, as Node's HTTP server sets for the sockets it accepts itself.
  const front = createTcpServer({ noDelay: true }, (socket: Socket) => {
    socket.on("error", () => undefined);
    socket.once("data", (first: Buffer) => {
      socket.pause();
      if (first[0] === TLS_HANDSHAKE) {
        secure.emit("connection", replaying(first, socket));
      } else {
        socket.unshift(first);
        plain.emit("connection", socket);
        socket.resume();
      }
    });
  });
  const bound = await listen(front, port);
  return {
    servers: [plain, secure],
    port: bound,
    async close() {
      await new Promise<void>((done) => {
        front.close(() => done());
        for (const server of [plain, secure]) server.closeAllConnections();
      });
    },
  };
}

/**
 * The socket as a stream that first yields `first` again. TLS reads a plain
 * socket from its native handle, past anything unshifted back into the stream,
 * so it gets a stream of JavaScript's own instead.
 */
function replaying(first: Buffer, socket: Socket): Duplex {
  const stream = new Duplex({
    read: () => socket.resume(),
    write: (chunk, encoding, done) => socket.write(chunk, encoding, done),
    final: (done) => socket.end(done),
    destroy: (error, done) => {
      socket.destroy(error ?? undefined);
      done(error);
    },
  });
  stream.push(first);
  socket.on("data", (chunk) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on("end", () => stream.push(null));
  socket.on("close", () => stream.destroy());
  return stream;
}
