export interface ClientConfig {
  apiUrl: string;
  wsUrl: string;
}

export const DEFAULT_API_URL = "http://127.0.0.1:3001";
export const DEFAULT_WS_URL = "ws://127.0.0.1:3002";

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * Reads the API base URLs at request time on the server. The variable names are looked up
 * dynamically on purpose: a literal `process.env.NEXT_PUBLIC_*` would be frozen into the
 * bundle by `next build`, and one build must serve any ports (local runtime) or stage (SST).
 */
export function readClientConfig(env: Record<string, string | undefined> = process.env): ClientConfig {
  const apiUrl = env[`NEXT_PUBLIC_${"API_URL"}`]?.trim() || DEFAULT_API_URL;
  const wsUrl = env[`NEXT_PUBLIC_${"WS_URL"}`]?.trim() || DEFAULT_WS_URL;
  return { apiUrl: withoutTrailingSlash(apiUrl), wsUrl: withoutTrailingSlash(wsUrl) };
}
