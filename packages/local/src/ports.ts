import { createServer, type Server } from "node:net";

/** Listens on 127.0.0.1; rejects (instead of hanging) when the port is taken. */
export function listen(server: Pick<Server, "listen" | "once" | "off" | "address">, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", fail);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** A port nothing listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server, 0);
  await new Promise((done) => server.close(done));
  return port;
}

/** Fails with one clear line naming the variable to change when a port is taken. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [variable, port] of Object.entries(ports)) {
    const server = createServer();
    try {
      await listen(server, port);
    } catch {
      throw new Error(`port ${port} on 127.0.0.1 is already in use: stop what uses it or set ${variable}`);
    }
    await new Promise((done) => server.close(done));
  }
}
