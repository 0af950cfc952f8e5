/**
 * What one execution environment remembers between invocations, as hints only
 * (another environment's work can make them stale; the caller's conditions keep
 * the outcome right): the newest `most` entries, the oldest forgotten first.
 */
export class ContainerHints<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly most: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.most) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
