import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "../src/lib/api-client";
import { inTime, roomCreationError } from "../src/lib/room-creation-error";

describe("what the create-room form says when the room was not created", () => {
  it("says when another room can be made, from the server's Retry-After", async () => {
    const limited = new Response(
      JSON.stringify({
        error: { code: "rate_limited", message: "too many new rooms from your address; try again later" },
      }),
      { status: 429, headers: { "retry-after": "540" } },
    );
    const api = createApiClient("http://api.test", async () => limited);
    const error = await api.createRoom("One more").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterSeconds).toBe(540);
    expect(roomCreationError(error)).toBe(
      "You have made several rooms in a short time. You can make another in 9 minutes.",
    );
    expect(roomCreationError(new ApiError(429, "rate_limited", "slow down"))).toContain("another later.");
  });

  it("puts other refusals as sentences, and a failure to reach the server as such", () => {
    expect(
      roomCreationError(new ApiError(503, "unavailable", "the chat is unavailable right now; try again shortly")),
    ).toBe("The chat is unavailable right now; try again shortly.");
    expect(roomCreationError(new TypeError("fetch failed"))).toBe("Could not reach the server. Please try again.");
  });

  it("reads a wait as people say it", () => {
    expect([0, 1, 45, 60, 61, 540].map(inTime)).toEqual([
      "in a moment",
      "in 1 second",
      "in 45 seconds",
      "in 1 minute",
      "in 2 minutes",
      "in 9 minutes",
    ]);
  });
});
