import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ANSWER_MARGIN_MS, beforeDeadline, DeadlineReached } from "../src/deadline";
import { clientErrorOf } from "../src/errors";

describe("beforeDeadline", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers with the work's outcome while there is time", async () => {
    await expect(beforeDeadline(Promise.resolve("done"), 5_000)).resolves.toBe("done");
    await expect(beforeDeadline(Promise.reject(new Error("broken")), 5_000)).rejects.toThrow("broken");
  });

  it("gives up once only the margin is left (unavailable to the client), whatever the work does later", async () => {
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const answer = beforeDeadline(work, 5_000);
    const outcome = answer.then(
      () => "resolved",
      () => "rejected",
    );
    await vi.advanceTimersByTimeAsync(5_000 - ANSWER_MARGIN_MS - 1);
    finish("too late");
    await vi.advanceTimersByTimeAsync(0);
    expect(await outcome).toBe("resolved");

    const stuck = beforeDeadline(new Promise<string>(() => undefined), 5_000).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000 - ANSWER_MARGIN_MS);
    const error = await stuck;
    expect(error).toBeInstanceOf(DeadlineReached);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(clientErrorOf(error, "GET /rooms").code).toBe("unavailable");
  });
});
