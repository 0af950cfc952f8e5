// The wire's shapes; their schemas live in @chat/wire, which the web uses too.
export type { Member, Message, Room, ServerFrame } from "@chat/wire";

/** One page of a query, before a handler names its items (`rooms`, `messages`). */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}
