/** A small client for the HTTP API, written from docs/api.md. */
export function httpClient(baseUrl: string) {
  async function call(method: string, path: string, body?: string) {
    const response = await fetch(baseUrl + path, {
      method,
      body,
      headers: body === undefined ? {} : { "content-type": "application/json" },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
  return {
    call,
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown) => call("POST", path, typeof body === "string" ? body : JSON.stringify(body)),
    async createRoom(name: string) {
      const response = await call("POST", "/rooms", JSON.stringify({ name }));
      if (response.status !== 201) throw new Error(`createRoom: ${response.status}`);
      return response.body.room as { id: string; name: string; createdAt: string; members: number };
    },
  };
}
