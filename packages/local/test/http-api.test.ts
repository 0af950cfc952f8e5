import { useTestStack } from "@chat/test-support/stack";
import { ChatClient } from "@chat/test-support/ws-client";
import { describe, expect, it } from "vitest";

const chat = useTestStack();

const expectError = (
  response: { status: number; body: { error: { code: string; message: string } } },
  status: number,
  code: string,
) => {
  expect(response.status).toBe(status);
  expect(response.body.error.code).toBe(code);
  expect(typeof response.body.error.message).toBe("string");
};

describe("POST /rooms", () => {
  it("creates a room with a trimmed name and no members", async () => {
    const response = await chat.api.post("/rooms", { name: "  Lobby  " });
    expect(response.status).toBe(201);
    const { room } = response.body;
    expect(room).toEqual({ id: expect.any(String), name: "Lobby", createdAt: expect.any(String), members: 0 });
    expect(new Date(room.createdAt).toISOString()).toBe(room.createdAt);
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room).toEqual(room);
  });

  it("counts the name's length in code points", async () => {
    const sixtyFourEmoji = "😀".repeat(64);
    expect((await chat.api.post("/rooms", { name: sixtyFourEmoji })).status).toBe(201);
    expectError(await chat.api.post("/rooms", { name: "😀".repeat(65) }), 400, "invalid_request");
  });

  it.each([
    ["bad JSON", "{not json"],
    ["a JSON array", "[]"],
    ["no name", "{}"],
    ["a number name", JSON.stringify({ name: 7 })],
    ["an empty name", JSON.stringify({ name: "" })],
    ["a blank name", JSON.stringify({ name: "   " })],
    ["a control character", JSON.stringify({ name: "a\u0007b" })],
    ["a newline", JSON.stringify({ name: "a\nb" })],
    ["JSON null", "null"],
  ])("refuses %s with 400 invalid_request", async (_, body) => {
    expectError(await chat.api.post("/rooms", body), 400, "invalid_request");
  });

  it("refuses a body that is not UTF-8 with 400 invalid_request", async () => {
    const latin1 = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const response = await fetch(`${chat.stack.apiUrl}/rooms`, { method: "POST", body: latin1 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });

  it("refuses a body over 16 KiB with 413 too_large", async () => {
    const body = JSON.stringify({ name: "x", padding: "y".repeat(16 * 1024) });
    expectError(await chat.api.post("/rooms", body), 413, "too_large");
  });
});

describe("GET /rooms", () => {
  it("lists rooms newest first and pages with the cursor", async () => {
    const created = [];
    for (const name of ["page-a", "page-b", "page-c", "page-d", "page-e"]) {
      created.push(await chat.api.createRoom(name));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const response = await chat.api.get(`/rooms${query}`);
      expect(response.status).toBe(200);
      expect(response.body.rooms.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.rooms.map((room: { id: string }) => room.id));
      cursor = response.body.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(cursor).toBeNull();
    // Newest first: the five rooms made here appear in reverse creation order.
    const positions = created.map((room) => seen.indexOf(room.id));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => b - a)).toEqual(positions);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("defaults to 50 and returns a null cursor on the last page", async () => {
    // More than a page of rooms, made through core directly (the handlers' own module) for speed.
    const { createRoom } = await import("@chat/core/rooms");
    const made = await Promise.all(Array.from({ length: 60 }, (_, index) => createRoom(`bulk ${index}`)));
    const first = await chat.api.get("/rooms");
    expect(first.status).toBe(200);
    expect(first.body.rooms).toHaveLength(50);
    expect(first.body.cursor).toEqual(expect.any(String));
    // Fewer than 100 rooms in this file's table: the next page is the last one.
    const last = await chat.api.get(`/rooms?cursor=${encodeURIComponent(first.body.cursor)}`);
    expect(last.status).toBe(200);
    expect(last.body.rooms.length).toBeGreaterThan(0);
    expect(last.body.rooms.length).toBeLessThan(50);
    expect(last.body.cursor).toBeNull();
    const listed = [...first.body.rooms, ...last.body.rooms].map((room: { id: string }) => room.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(expect.arrayContaining(made.map((room) => room.id)));
  });

  it("shows the number of members connected now", async () => {
    const room = await chat.api.createRoom("counted");
    const client = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "ann" });
    expect((await chat.api.get(`/rooms/${room.id}`)).body.room.members).toBe(1);
    await client.close();
    await expect
      .poll(async () => (await chat.api.get(`/rooms/${room.id}`)).body.room.members, { timeout: 15_000 })
      .toBe(0);
  });

  it.each(["limit=0", "limit=101", "limit=abc", "limit=1.5", "limit=", "cursor=garbage"])(
    "refuses ?%s with 400 invalid_request",
    async (query) => {
      expectError(await chat.api.get(`/rooms?${query}`), 400, "invalid_request");
    },
  );
});

it("GET /rooms refuses with 400 a cursor not written as this API writes one", async () => {
  const forge = (fields: object) => Buffer.from(JSON.stringify(fields)).toString("base64url");
  for (const cursor of [
    forge({ createdAt: "x".repeat(2000), id: "abc" }),
    forge({ createdAt: "2026-11-27T10:00:00.000Z", id: "x".repeat(2000) }),
    forge({ createdAt: 5, id: "abc" }),
    // Not as this API writes one: another time zone, extra fields, another order, stray characters.
    forge({ createdAt: "2026-12-03T13:07:40.000+05:00", id: "abc" }),
    forge({ createdAt: "2026-12-03T13:07:40.000Z", id: "abc", more: 1 }),
    forge({ id: "abc", createdAt: "2026-12-03T13:07:40.000Z" }),
    `${forge({ createdAt: "2026-12-03T13:07:40.000Z", id: "abc" })}!!`,
  ]) {
    expectError(await chat.api.get(`/rooms?cursor=${cursor}`), 400, "invalid_request");
  }
});

it("GET /rooms refuses a 20,000-character cursor with 400, not a bare header error", async () => {
  expectError(await chat.api.get(`/rooms?cursor=${"c".repeat(20_000)}`), 400, "invalid_request");
});

describe("GET /rooms/{roomId}", () => {
  it("answers 404 not_found for an unknown room", async () => {
    expectError(await chat.api.get("/rooms/does-not-exist"), 404, "not_found");
    expectError(await chat.api.get(`/rooms/${"x".repeat(2000)}`), 404, "not_found");
    expectError(await chat.api.get("/rooms/%23%23"), 404, "not_found");
    expectError(await chat.api.get("/rooms/%ZZ"), 404, "not_found");
    expectError(await chat.api.get("/rooms/%E0%A4%A/messages"), 404, "not_found");
  });
});

describe("GET /rooms/{roomId}/messages", () => {
  it("pages history backwards with before= and forwards with after=", async () => {
    const room = await chat.api.createRoom("history");
    const sender = await ChatClient.connect(chat.stack.wsUrl, { roomId: room.id, name: "writer" });
    for (let index = 0; index < 7; index++) sender.sendMessage(`m${index}`);
    await sender.until(() => sender.ofType("message").length === 7);
    await sender.close();

    const newest = await chat.api.get(`/rooms/${room.id}/messages?limit=3`);
    expect(newest.status).toBe(200);
    expect(newest.body.messages.map((m: { text: string }) => m.text)).toEqual(["m4", "m5", "m6"]);
    const older = await chat.api.get(`/rooms/${room.id}/messages?limit=3&before=${newest.body.cursor}`);
    expect(older.body.messages.map((m: { text: string }) => m.text)).toEqual(["m1", "m2", "m3"]);
    const oldest = await chat.api.get(`/rooms/${room.id}/messages?limit=3&before=${older.body.cursor}`);
    expect(oldest.body.messages.map((m: { text: string }) => m.text)).toEqual(["m0"]);
    expect(oldest.body.cursor).toBeNull();

    const firstId = oldest.body.messages[0].id;
    const forward = await chat.api.get(`/rooms/${room.id}/messages?limit=4&after=${firstId}`);
    expect(forward.body.messages.map((m: { text: string }) => m.text)).toEqual(["m1", "m2", "m3", "m4"]);
    const rest = await chat.api.get(`/rooms/${room.id}/messages?after=${forward.body.cursor}`);
    expect(rest.body.messages.map((m: { text: string }) => m.text)).toEqual(["m5", "m6"]);
    expect(rest.body.cursor).toBeNull();

    const all = (await chat.api.get(`/rooms/${room.id}/messages`)).body.messages;
    const ids = all.map((m: { id: string }) => m.id);
    expect([...ids].sort()).toEqual(ids);
    expect(all[0]).toEqual({
      id: expect.any(String),
      roomId: room.id,
      text: "m0",
      author: { id: expect.any(String), name: "writer" },
      sentAt: expect.any(String),
    });
  });

  it("answers an empty page for a room without messages", async () => {
    const room = await chat.api.createRoom("quiet");
    expect((await chat.api.get(`/rooms/${room.id}/messages`)).body).toEqual({ messages: [], cursor: null });
  });

  it("refuses bad queries with 400 and unknown rooms with 404", async () => {
    const room = await chat.api.createRoom("queries");
    const anId = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    for (const query of [`before=${anId}&after=${anId}`, "limit=0", "limit=500", "before=nope", "after="]) {
      expectError(await chat.api.get(`/rooms/${room.id}/messages?${query}`), 400, "invalid_request");
    }
    expectError(await chat.api.get("/rooms/unknown-room/messages"), 404, "not_found");
  });
});

describe("everything else", () => {
  it.each([
    ["GET", "/"],
    ["GET", "/nope"],
    ["DELETE", "/rooms"],
    ["PUT", "/rooms/abc"],
    ["POST", "/rooms/abc/messages"],
    ["GET", "/rooms/"],
    ["GET", "/rooms/abc/messages/"],
  ])("%s %s answers 404 not_found", async (method, path) => {
    expectError(await chat.api.call(method, path), 404, "not_found");
  });

  it("lets a browser on another origin call the API (CORS)", async () => {
    const preflight = await fetch(`${chat.stack.apiUrl}/rooms`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");
    expect(preflight.headers.get("access-control-max-age")).toBe("600");
    const response = await fetch(`${chat.stack.apiUrl}/rooms`, { headers: { origin: "http://127.0.0.1:3000" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    // So that a page on that origin can read how long to wait after a 429.
    expect(response.headers.get("access-control-expose-headers")).toBe("retry-after");
  });
});
