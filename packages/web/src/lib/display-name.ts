import { browserStorage } from "./tab-storage";

// Stored as the bare name (not JSON), as it always was, so a name remembered before still reads.
const STORAGE_KEY = "chat.displayName";

export function loadDisplayName(): string | null {
  try {
    return browserStorage()?.getItem(STORAGE_KEY)?.trim() || null;
  } catch {
    return null;
  }
}

export function saveDisplayName(name: string): void {
  try {
    browserStorage()?.setItem(STORAGE_KEY, name.trim());
  } catch {
    // Private mode or storage full: the name still works for this page view.
  }
}
