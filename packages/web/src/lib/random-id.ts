/**
 * A random id for `clientMessageId`. Uses getRandomValues, which (unlike randomUUID) also
 * exists on plain-http origins other than localhost.
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
