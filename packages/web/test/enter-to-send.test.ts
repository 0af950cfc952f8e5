import { describe, expect, it } from "vitest";
import { type EnterKeyEvent, isSendKey } from "../src/lib/enter-to-send";

const enter: EnterKeyEvent = { key: "Enter", shiftKey: false, isComposing: false, keyCode: 13 };

describe("isSendKey", () => {
  it("sends on a plain Enter", () => {
    expect(isSendKey(enter, false)).toBe(true);
  });

  it("does not send on Shift+Enter or other keys", () => {
    expect(isSendKey({ ...enter, shiftKey: true }, false)).toBe(false);
    expect(isSendKey({ ...enter, key: "a", keyCode: 65 }, false)).toBe(false);
  });

  it("does not send the Enter that confirms an IME conversion", () => {
    expect(isSendKey({ ...enter, isComposing: true }, false)).toBe(false);
    expect(isSendKey({ ...enter, keyCode: 229 }, false)).toBe(false);
    expect(isSendKey(enter, true)).toBe(false);
  });
});
