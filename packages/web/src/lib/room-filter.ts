/** Lower case, without accents: "Zoë" and "ZOE" read alike. */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** Whether a room's name holds what was typed in "Find a room" (anywhere, in any case, accents aside). */
export function roomNameMatches(name: string, query: string): boolean {
  const wanted = folded(query.trim());
  return wanted === "" || folded(name).includes(wanted);
}
