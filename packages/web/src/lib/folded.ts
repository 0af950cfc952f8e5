/** Lower case, without accents: "Zoë" and "ZOE" read alike. For matching what someone typed, never for showing. */
export function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}
