import { countAgainstAddress } from "../address-limit";
import { createRoom } from "../rooms";
import type { Room } from "../types";

/** POST /rooms: a new room, within the creator's address limit. */
export async function openRoom(name: string, address: string): Promise<Room> {
  await countAgainstAddress("createRoom", address);
  return createRoom(name);
}
