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

/** The part of Storage the web client uses, over a Map. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

export const asStorage = (storage: MemoryStorage) => storage as unknown as Storage;

/** A storage that refuses everything, as a blocked or full one does. */
export function throwingStorage(): Storage {
  const refuse = () => {
    throw new Error("blocked");
  };
  return { getItem: refuse, setItem: refuse, removeItem: refuse } as unknown as Storage;
}
