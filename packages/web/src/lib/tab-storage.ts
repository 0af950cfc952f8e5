import * as v from "valibot";

/**
 * What a tab keeps across its own reloads, in its sessionStorage: per tab, so two tabs of one
 * room never share it, and gone when the tab closes. Read through a schema; anything missing or
 * unreadable reads as `fallback`, and a storage that is blocked or full is never an error.
 */
export function readStored<T>(storage: Storage | undefined, key: string, schema: v.GenericSchema<T>, fallback: T): T {
  try {
    const stored = storage?.getItem(key);
    if (!stored) return fallback;
    const parsed = v.safeParse(schema, JSON.parse(stored));
    return parsed.success ? parsed.output : fallback;
  } catch {
    return fallback;
  }
}

/** Stores `value` under `key`, or removes it when `value` is undefined. */
export function writeStored(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or storage full: the page goes on without it.
  }
}

/** The tab's sessionStorage, where there is one (not on the server, not where it is blocked). */
export function tabStorage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}
