import { expect, it } from "vitest";
import { routeThrottle } from "../src/stage-throttle";

const limits = { throttlingRateLimit: 2, throttlingBurstLimit: 3 };

it("admits a route's burst, then refuses until the rate refills a token", () => {
  let now = 0;
  const admit = routeThrottle(limits, () => now);
  expect([admit("GET /rooms"), admit("GET /rooms"), admit("GET /rooms"), admit("GET /rooms")]).toEqual([
    true,
    true,
    true,
    false,
  ]);
  now = 400; // 0.8 of a token at 2 per second
  expect(admit("GET /rooms")).toBe(false);
  now = 500;
  expect(admit("GET /rooms")).toBe(true);
  expect(admit("GET /rooms")).toBe(false);
});

it("keeps a bucket per route, and never holds more than the burst", () => {
  let now = 0;
  const admit = routeThrottle(limits, () => now);
  for (let index = 0; index < 3; index++) admit("GET /rooms");
  expect(admit("GET /rooms")).toBe(false);
  expect(admit("POST /rooms")).toBe(true);
  now = 60_000;
  expect(Array.from({ length: 4 }, () => admit("GET /rooms"))).toEqual([true, true, true, false]);
});

it("admits everything without limits", () => {
  const admit = routeThrottle(undefined);
  expect(Array.from({ length: 10_000 }, () => admit("$connect")).every(Boolean)).toBe(true);
});
