import type { Message } from "@chat/wire";

export function message(id: string, overrides: Partial<Message> = {}): Message {
  return {
    id,
    roomId: "room-1",
    text: `text ${id}`,
    author: { id: "member-a", name: "Alice" },
    sentAt: "2025-01-02T03:04:05.000Z",
    ...overrides,
  };
}
