import * as v from "valibot";

/**
 * What the page keeps in the browser: in the tab's sessionStorage what only that tab should have
 * again after a reload (per tab, so two tabs of one room never share it; gone when the tab
 * closes), in localStorage what the browser remembers for every tab. Read through a schema;
 * anything missing or unreadable reads as `fallback`, and a storage that is blocked or full is
 * never an error.
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

/** A list read item by item: an item that is unreadable (written by an older page, say) is dropped, not the list. */
export function readStoredList<T>(storage: Storage | undefined, key: string, item: v.GenericSchema<T>): T[] {
  return readStored(storage, key, v.array(v.unknown()), []).flatMap((entry) => {
    const parsed = v.safeParse(item, entry);
    return parsed.success ? [parsed.output] : [];
  });
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
  return storageNamed("sessionStorage");
}

/** The browser's localStorage, shared by its tabs and kept across visits, where there is one. */
export function browserStorage(): Storage | undefined {
  return storageNamed("localStorage");
}

function storageNamed(name: "sessionStorage" | "localStorage"): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window[name];
  } catch {
    return undefined;
  }
}
