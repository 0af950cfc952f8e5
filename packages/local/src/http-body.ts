import type { IncomingMessage } from "node:http";

/** Reads a request body, or returns undefined once it passes `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Percent-decodes a path segment; a malformed escape is kept as it came. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The request target as a URL on this host. A target that is not a plain path
 * (`//[`, `*`, an absolute URL) is read as a path, so it reaches routing (and
 * its 404) instead of failing to parse.
 */
export function requestUrl(request: IncomingMessage): URL {
  const target = request.url ?? "/";
  try {
    return new URL(`http://local${target.startsWith("/") ? "" : "/"}${target}`);
  } catch {
    return new URL("http://local/");
  }
}

/**
 * A JSON-like record from name/value pairs, as Lambda's event parsing builds
 * it: names such as `__proto__` or `constructor` become plain keys, and values
 * of a repeated name are joined with commas.
 */
export function joinedRecord(pairs: Iterable<readonly [string, string]>): Record<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of pairs) {
    const earlier = values.get(name);
    values.set(name, earlier === undefined ? value : `${earlier},${value}`);
  }
  return Object.fromEntries(values);
}

/** Every value of each name, as `multiValueHeaders` and `multiValueQueryStringParameters` carry them. */
export function multiValueRecord(pairs: Iterable<readonly [string, string]>): Record<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of pairs) values.set(name, [...(values.get(name) ?? []), value]);
  return Object.fromEntries(values);
}
