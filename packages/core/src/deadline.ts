/**
 * Time kept back from a function's timeout to answer in: past the timeout Lambda stops the
 * function, and API Gateway answers 500 in its place.
 */
export const ANSWER_MARGIN_MS = 500;

/** The work was given up on: its function's time is nearly up (clientErrorOf logs it and answers `unavailable`). */
export class DeadlineReached extends Error {
  override name = "DeadlineReached";
}

/**
 * What `work` resolves to, or the error `late()` makes once `ms` have passed. The work is not
 * stopped; its outcome is then ignored.
 */
export async function settledWithin<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What `work` resolves to, or DeadlineReached once only ANSWER_MARGIN_MS of `remainingMs` is left
 * (a database that stopped answering, say). The work is not stopped; its outcome is ignored.
 */
export function beforeDeadline<T>(work: Promise<T>, remainingMs: number): Promise<T> {
  return settledWithin(
    work,
    Math.max(0, remainingMs - ANSWER_MARGIN_MS),
    () => new DeadlineReached(`no answer ${ANSWER_MARGIN_MS} ms before the function's timeout`),
  );
}
