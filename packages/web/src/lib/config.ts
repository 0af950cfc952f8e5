export interface ClientConfig {
  apiUrl: string;
  wsUrl: string;
}

export const DEFAULT_API_URL = "http://127.0.0.1:3001";
export const DEFAULT_WS_URL = "ws://127.0.0.1:3002";

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** The two URLs from these variables, with the local runtime's default ports when unset. */
export function readClientConfig(env: Record<string, string | undefined>): ClientConfig {
  const apiUrl = env.NEXT_PUBLIC_API_URL?.trim() || DEFAULT_API_URL;
  const wsUrl = env.NEXT_PUBLIC_WS_URL?.trim() || DEFAULT_WS_URL;
  return { apiUrl: withoutTrailingSlash(apiUrl), wsUrl: withoutTrailingSlash(wsUrl) };
}

/**
 * The API URLs of this build. The literal `process.env.NEXT_PUBLIC_*` reads are replaced by
 * `next build` (server and browser bundles alike) with the values it was built with, so the
 * pages that need nothing else are prerendered once and served as static files. `sst deploy`
 * sets both in `infra/web.ts`; the local runtime builds with the ports in use and builds
 * again when they change (`packages/local/src/web-build.ts`).
 */
export const clientConfig: ClientConfig = readClientConfig({
  NEXT_PUBLIC_API_URL: process.env.NEXT_PUBLIC_API_URL,
  NEXT_PUBLIC_WS_URL: process.env.NEXT_PUBLIC_WS_URL,
});
