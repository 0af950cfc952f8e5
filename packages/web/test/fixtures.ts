import type { Message } from "@chat/wire";
import { initialRoomState, type RoomAction, type RoomState, roomReducer } from "../src/lib/room-state";

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

export const alice = { id: "member-a", name: "Alice" };
export const bob = { id: "member-b", name: "Bob" };

/** The room's state after `actions`, from `state`. */
export function run(actions: RoomAction[], state: RoomState = initialRoomState): RoomState {
  return actions.reduce(roomReducer, state);
}

/** Alice welcomed into a room with Bob, with `history` loaded. */
export function aliceWithBob(history: Message[]): RoomState {
  return run([
    {
      type: "welcome",
      you: alice,
      room: { id: "r", name: "Room", createdAt: "", members: 2 },
      members: [alice, bob],
      receivedAt: 0,
    },
    { type: "history", messages: history, olderCursor: null, receivedAt: 0 },
  ]);
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
