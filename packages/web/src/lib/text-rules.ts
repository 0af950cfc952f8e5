/** Length in Unicode code points, as docs/api.md counts lengths. */
export function codePointLength(text: string): number {
  return [...text].length;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Error text for a name (room or display name) the server would refuse, or null if fine. */
export function nameProblem(name: string, maxLength: number): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return "Please enter a name.";
  if (codePointLength(trimmed) > maxLength) return `Use at most ${maxLength} characters.`;
  if (CONTROL_CHARACTERS.test(trimmed)) return "The name contains characters that are not allowed.";
  return null;
}
