/**
 * With nothing sent on a connection for this long, the session says hello. API Gateway closes
 * a connection that sent nothing for 10 minutes (so a reader would leave and join again every
 * 10 minutes), and a connection that died without a close (a network change, a NAT that forgot
 * it) shows nothing at all: the welcome that does not come finds it.
 */
export const KEEP_ALIVE_MS = 5 * 60_000;

export interface KeepAliveOptions {
  /** Quiet time before a hello (KEEP_ALIVE_MS by default in the session). */
  idleMs: number;
  /** How long the welcome may take before the connection counts as dead. */
  answerMs: number;
  /** Sends a hello; false if it could not go out. */
  sayHello: () => boolean;
  /** No welcome came in time. */
  dead: () => void;
}

/** One connection's keep-alive: tell it what was sent and when a welcome came. */
export class KeepAlive {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private awaitingWelcome = false;

  constructor(private readonly options: KeepAliveOptions) {}

  /** A frame went out: the quiet time starts again (not while a hello waits for its welcome). */
  sent(): void {
    if (!this.awaitingWelcome) this.restart();
  }

  welcomed(): void {
    this.awaitingWelcome = false;
    this.restart();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awaitingWelcome = false;
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.quietTooLong(), this.options.idleMs);
  }

  private quietTooLong(): void {
    this.awaitingWelcome = true;
    if (!this.options.sayHello()) {
      this.awaitingWelcome = false;
      return;
    }
    this.timer = setTimeout(() => {
      this.awaitingWelcome = false;
      this.options.dead();
    }, this.options.answerMs);
  }
}
