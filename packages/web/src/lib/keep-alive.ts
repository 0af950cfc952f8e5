/**
 * With nothing sent on a connection for this long, the session sends `ping`. API Gateway closes
 * a connection that sent nothing for 10 minutes (so a reader would leave and join again every
 * 10 minutes), and a connection that died without a close (a network change, a NAT that forgot
 * it) shows nothing at all: the answer that does not come finds it.
 */
export const KEEP_ALIVE_MS = 5 * 60_000;

/**
 * An answer wait that ends this much later than asked ran on a page that was frozen or asleep (a
 * laptop lid closed, a tab discarded): what the connection sent meanwhile may still be queued
 * behind the timer, so the silence proves nothing yet. Hidden tabs' timers run up to a minute late.
 */
const LATE_BY_MS = 5_000;
/** How long a late wait gives frames already queued to be heard, once, before the connection counts as dead. */
const QUEUED_FRAMES_MS = 3_000;

export interface KeepAliveOptions {
  /** Quiet time before a ping (KEEP_ALIVE_MS by default in the session). */
  idleMs: number;
  /** How long the connection may stay silent after a ping before it counts as dead. */
  answerMs: number;
  /** Sends a ping; false if it could not go out. */
  sendPing: () => boolean;
  /** Nothing came in time. */
  dead: () => void;
}

/**
 * One connection's keep-alive: tell it what was sent and what was heard. Any frame heard ends the
 * wait for an answer (the connection is alive); the ping's own answer (`pong`, or an error naming
 * no message, or API Gateway's error frame) is the session's to take (takePingAnswer), so that it
 * never reaches the page's error line.
 */
export class KeepAlive {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private awaitingAnswer = false;
  private pingsUnanswered = 0;

  constructor(private readonly options: KeepAliveOptions) {}

  /** Whether a ping went out and its own answer has not come. */
  get pingPending(): boolean {
    return this.pingsUnanswered > 0;
  }

  /** A frame went out: the quiet time starts again (not while a ping waits for an answer). */
  sent(): void {
    if (!this.awaitingAnswer) this.restart();
  }

  /** A frame came: the connection is alive. */
  heard(): void {
    if (!this.awaitingAnswer) return;
    this.awaitingAnswer = false;
    this.restart();
  }

  /** Whether a frame that may answer the ping is its answer (it then counts as taken). */
  takePingAnswer(): boolean {
    if (this.pingsUnanswered === 0) return false;
    this.pingsUnanswered--;
    return true;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awaitingAnswer = false;
    this.pingsUnanswered = 0;
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.quietTooLong(), this.options.idleMs);
  }

  private quietTooLong(): void {
    this.awaitingAnswer = true;
    if (!this.options.sendPing()) {
      this.awaitingAnswer = false;
      return;
    }
    this.pingsUnanswered++;
    const deadline = Date.now() + this.options.answerMs;
    this.timer = setTimeout(() => {
      if (Date.now() - deadline <= LATE_BY_MS) return this.giveUp();
      // Woken late: frames that came meanwhile are dispatched before this short wait ends.
      this.timer = setTimeout(() => this.giveUp(), QUEUED_FRAMES_MS);
    }, this.options.answerMs);
  }

  private giveUp(): void {
    this.awaitingAnswer = false;
    this.options.dead();
  }
}
