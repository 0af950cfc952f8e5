const STORAGE_KEY = "chat.displayName";

export function loadDisplayName(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)?.trim();
    return stored ? stored : null;
  } catch {
    return null;
  }
}

export function saveDisplayName(name: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, name.trim());
  } catch {
    // Private mode or storage full: the name still works for this page view.
  }
}
