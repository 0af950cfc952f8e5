import { readFileSync } from "node:fs";
import { useTestStack } from "@chat/test-support/stack";
import { expect, inject, it } from "vitest";

// What the README promises: the local runtime's servers, DynamoDB Local among them, take no
// connections from other machines. Read from the kernel's socket tables, so Linux only.
const chat = useTestStack();

// 127.0.0.1, as IPv4 and as IPv4-mapped IPv6, and ::1, as /proc/net/tcp{,6} write them.
const LOOPBACK = new Set(["0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"]);

/** The local addresses of the sockets listening on `port`, as /proc/net/tcp and tcp6 write them. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => local!.endsWith(`:${hexPort}`) && state === "0A")
      .map(([, local]) => local!.split(":")[0]!),
  );
}

it.runIf(process.platform === "linux")(
  "DynamoDB Local and the API emulators listen on the loopback address only",
  () => {
    const servers = {
      "DynamoDB Local": inject("dynamoEndpoint"),
      "HTTP API": chat.stack.apiUrl,
      "WebSocket API": chat.stack.wsUrl,
    };
    for (const [server, url] of Object.entries(servers)) {
      const addresses = listeningAddresses(Number(new URL(url).port));
      expect(addresses.length, `${server} listens`).toBeGreaterThan(0);
      expect(
        addresses.filter((address) => !LOOPBACK.has(address)),
        `${server}'s other addresses`,
      ).toEqual([]);
    }
  },
);
