export interface EnterKeyEvent {
  key: string;
  shiftKey: boolean;
  /** `KeyboardEvent.isComposing` of the native event. */
  isComposing: boolean;
  keyCode: number;
}

/** keyCode browsers report for key events an IME is consuming (Safari sends it after compositionend). */
const IME_PROCESS_KEY_CODE = 229;

/** Whether an IME is using this keydown (the Enter that confirms a Japanese/Chinese/Korean conversion, say). */
export function isImeKey(event: EnterKeyEvent, compositionActive: boolean): boolean {
  return compositionActive || event.isComposing || event.keyCode === IME_PROCESS_KEY_CODE;
}

/**
 * Whether this keydown should send the message: Enter without Shift, and never while an IME
 * composition is in progress (the Enter that confirms a Japanese/Chinese/Korean conversion).
 * `compositionActive` is tracked from compositionstart/compositionend as a third safeguard.
 */
export function isSendKey(event: EnterKeyEvent, compositionActive: boolean): boolean {
  if (event.key !== "Enter" || event.shiftKey) return false;
  return !isImeKey(event, compositionActive);
}
