import { createServer } from "node:net";

// Users connect from addresses of their own, and API Gateway counts per-address
// limits per sourceIp. Bench clients do the same from 127.1.0.0/16 (all of
// 127.0.0.0/8 is loopback on Linux), so no one address's rate-limit item is
// written by every connect at once, which would only be true of the bench. Where
// the range cannot be bound (macOS has 127.0.0.1 alone), every client is
// 127.0.0.1, as before, and the results say so.
const FIRST_PROBE = "127.1.0.1";

let ownAddresses = false;
let issued = 0;

/** Checks once whether clients can have addresses of their own; true if they can. */
export async function giveClientsOwnAddresses(): Promise<boolean> {
  ownAddresses = await new Promise<boolean>((answer) => {
    const probe = createServer();
    probe.once("error", () => answer(false));
    probe.listen(0, FIRST_PROBE, () => probe.close(() => answer(true)));
  });
  return ownAddresses;
}

/** The local address for the next client: 127.1.x.y, one per client (62,500 before they repeat); undefined if not possible. */
export function nextClientAddress(): string | undefined {
  if (!ownAddresses) return undefined;
  const index = issued++ % 62_500;
  return `127.1.${Math.floor(index / 250)}.${1 + (index % 250)}`;
}
