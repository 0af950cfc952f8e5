import { ErrorBody, MessagesPage, type Room, RoomResponse, RoomsPage } from "@chat/wire";
import * as v from "valibot";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** How long the server asked to wait before trying again (its Retry-After), if it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Retry-After in seconds (the API sends a number of seconds, never a date). */
function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get("retry-after") ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

export type MessagesAnchor = { before: string } | { after: string } | Record<string, never>;

export interface ApiClient {
  createRoom(name: string): Promise<Room>;
  listRooms(options?: { cursor?: string; limit?: number }): Promise<RoomsPage>;
  /** The room, or null when it is unknown or expired (HTTP 404). */
  getRoom(roomId: string): Promise<Room | null>;
  listMessages(roomId: string, anchor?: MessagesAnchor, limit?: number): Promise<MessagesPage>;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = v.safeParse(ErrorBody, body);
  return parsed.success
    ? new ApiError(response.status, parsed.output.error.code, parsed.output.error.message, retryAfterOf(response))
    : new ApiError(response.status, "http_error", `HTTP ${response.status}`);
}

export function createApiClient(
  baseUrl: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): ApiClient {
  async function request<TSchema extends v.GenericSchema>(
    schema: TSchema,
    path: string,
    init?: RequestInit,
  ): Promise<v.InferOutput<TSchema>> {
    const response = await fetchImpl(`${baseUrl}${path}`, { cache: "no-store", ...init });
    if (!response.ok) throw await errorFrom(response);
    return v.parse(schema, await response.json());
  }

  const roomPath = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`;

  return {
    async createRoom(name) {
      const body = await request(RoomResponse, "/rooms", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      return body.room;
    },

    listRooms({ cursor, limit } = {}) {
      const query = new URLSearchParams();
      if (cursor) query.set("cursor", cursor);
      if (limit) query.set("limit", String(limit));
      const suffix = query.size > 0 ? `?${query}` : "";
      return request(RoomsPage, `/rooms${suffix}`);
    },

    async getRoom(roomId) {
      try {
        return (await request(RoomResponse, roomPath(roomId))).room;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },

    listMessages(roomId, anchor = {}, limit) {
      const query = new URLSearchParams(anchor as Record<string, string>);
      if (limit) query.set("limit", String(limit));
      const suffix = query.size > 0 ? `?${query}` : "";
      return request(MessagesPage, `${roomPath(roomId)}/messages${suffix}`);
    },
  };
}
