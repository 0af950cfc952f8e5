import { cache } from "react";
import { createApiClient } from "@/lib/api-client";
import { clientConfig } from "@/lib/config";
import type { Room } from "@/lib/schemas";

/** What the server learned about a room: found, unknown or expired (404), or nothing (API unreachable). */
export type ServerRoomLookup = { state: "found"; room: Room } | { state: "missing" } | { state: "unavailable" };

const LOOKUP_TIMEOUT_MS = 5_000;

// The same base URL as the browser's (the build's NEXT_PUBLIC_API_URL): the HTTP API is public,
// and locally it is http://127.0.0.1:<API_PORT>. A hung API must not hold the page.
const api = createApiClient(clientConfig.apiUrl, (input, init) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) }),
);

/**
 * GET /rooms/{roomId} once per request (`cache` shares it between generateMetadata and the page).
 * Anything but a room or a 404 is "unavailable": the page then lets the browser look again.
 */
export const findRoom = cache(async (roomId: string): Promise<ServerRoomLookup> => {
  try {
    const room = await api.getRoom(roomId);
    return room ? { state: "found", room } : { state: "missing" };
  } catch (error) {
    console.error(
      `GET /rooms/${encodeURIComponent(roomId)} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { state: "unavailable" };
  }
});
