/** `text` cut to `maxCodePoints` code points, its last one "…" when cut (never splitting a character). */
export function shortened(text: string, maxCodePoints: number): string {
  const points = Array.from(text);
  return points.length > maxCodePoints ? `${points.slice(0, maxCodePoints - 1).join("")}…` : text;
}
