import type { IncomingMessage } from "node:http";

/** What readBodyPrefix read of a request body. */
export interface BodyPrefix {
  /** The body's first `keep` bytes at most. */
  kept: Buffer;
  /** Bytes received in all, counting stopped past `limit`. */
  received: number;
  /** The body passed `limit`: reading stopped there, the rest is left unread. */
  tooLarge: boolean;
}

/**
 * Reads a request body to its end keeping only its first `keep` bytes (the
 * rest is counted and dropped, never buffered), and stops once more than
 * `limit` bytes came. So a request holds at most `keep` bytes of memory
 * whatever it sends.
 */
export function readBodyPrefix(request: IncomingMessage, keep: number, limit: number): Promise<BodyPrefix> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let received = 0;
    const finish = (tooLarge: boolean) => {
      request.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      // Past the limit the rest is discarded unread (no RST that could cut the answer
      // short), until the answer closes the connection.
      if (tooLarge) request.resume();
      resolve({ kept: Buffer.concat(chunks), received, tooLarge });
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (kept < keep) {
        // A copy of the part kept, so the rest of a large chunk is not held with it.
        const part = chunk.length <= keep - kept ? chunk : Buffer.from(chunk.subarray(0, keep - kept));
        chunks.push(part);
        kept += part.length;
      }
      if (received > limit) finish(true);
    };
    const onEnd = () => finish(false);
    const onError = (error: Error) => {
      request.off("data", onData).off("end", onEnd).off("close", onClose);
      reject(error);
    };
    // A client that goes away mid-body: no end, no answer.
    const onClose = () => onError(new Error("request closed before its body ended"));
    request.on("data", onData).on("end", onEnd).on("error", onError).once("close", onClose);
  });
}

/** Reads a request body, or returns undefined once it passes `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const { kept, tooLarge } = await readBodyPrefix(request, limit, limit);
  return tooLarge ? undefined : kept;
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
