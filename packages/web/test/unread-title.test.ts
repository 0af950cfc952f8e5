import { describe, expect, it } from "vitest";
import { titleWithUnread } from "../src/lib/unread-title";

describe("titleWithUnread", () => {
  it("puts the count first, up to 99+, and leaves the title alone with none", () => {
    expect(titleWithUnread("Lobby · Chat", 0)).toBe("Lobby · Chat");
    expect(titleWithUnread("Lobby · Chat", 3)).toBe("(3) Lobby · Chat");
    expect(titleWithUnread("Lobby · Chat", 99)).toBe("(99) Lobby · Chat");
    expect(titleWithUnread("Lobby · Chat", 100)).toBe("(99+) Lobby · Chat");
  });
});
