import { folded } from "./folded";

/** Whether a room's name holds what was typed in "Find a room" (anywhere, in any case, accents aside). */
export function roomNameMatches(name: string, query: string): boolean {
  const wanted = folded(query.trim());
  return wanted === "" || folded(name).includes(wanted);
}
