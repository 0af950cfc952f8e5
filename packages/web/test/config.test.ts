import { describe, expect, it } from "vitest";
import { readClientConfig } from "../src/lib/config";

describe("readClientConfig", () => {
  it("defaults to the local runtime's ports", () => {
    expect(readClientConfig({})).toEqual({ apiUrl: "http://127.0.0.1:3001", wsUrl: "ws://127.0.0.1:3002" });
  });

  it("reads NEXT_PUBLIC_API_URL / NEXT_PUBLIC_WS_URL and drops a trailing slash", () => {
    const config = readClientConfig({
      NEXT_PUBLIC_API_URL: "https://api.example.com/",
      NEXT_PUBLIC_WS_URL: "wss://ws.example.com/$default",
    });
    expect(config).toEqual({ apiUrl: "https://api.example.com", wsUrl: "wss://ws.example.com/$default" });
  });
});
