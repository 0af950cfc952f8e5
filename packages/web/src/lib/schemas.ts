// The wire contract's shapes come from @chat/wire, the schemas the server uses.
// This module only keeps the older import path working.
export type { Member, Message, MessagesPage, Room, RoomsPage, ServerFrame } from "@chat/wire";
export { parseServerFrame } from "@chat/wire";
