import {
  brokenNameRule,
  DisplayName,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  type NameRule,
  RoomName,
} from "@chat/wire";

/** Length in Unicode code points, as docs/api.md counts lengths. */
export { codePointLength } from "@chat/wire";

/** Which of the contract's names a field holds. */
export type NameKind = "room" | "display";

const names = {
  room: { schema: RoomName, maxLength: MAX_ROOM_NAME_LENGTH },
  display: { schema: DisplayName, maxLength: MAX_DISPLAY_NAME_LENGTH },
} as const;

const problems: Record<NameRule, (maxLength: number) => string> = {
  type: () => "Please enter a name.",
  empty: () => "Please enter a name.",
  length: (maxLength) => `Use at most ${maxLength} characters.`,
  unicode: () => "The name contains text that is not valid Unicode. Please retype it.",
  control: () => "Remove tabs, line breaks and other control characters from the name.",
  invisible: () => "Remove invisible characters (such as zero-width spaces or direction marks) from the name.",
  visible: () => "The name needs at least one visible letter, digit, punctuation mark or symbol.",
};

/**
 * Error text for a name the server would refuse, or null if it would take it.
 * Checked with the server's own schema (@chat/wire), so the two cannot disagree.
 */
export function nameProblem(name: string, kind: NameKind): string | null {
  const { schema, maxLength } = names[kind];
  const rule = brokenNameRule(schema, name);
  return rule ? problems[rule](maxLength) : null;
}
