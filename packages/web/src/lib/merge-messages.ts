import type { Message } from "./schemas";

/** Union of both lists without duplicate ids, ordered by id (the server's acceptance order). */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const byId = new Map<string, Message>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function newestMessageId(messages: readonly Message[]): string | undefined {
  let newest: string | undefined;
  for (const message of messages) if (newest === undefined || message.id > newest) newest = message.id;
  return newest;
}
