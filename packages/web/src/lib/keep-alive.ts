/**
 * With nothing sent on a connection for this long, the session says hello. API Gateway closes
 * a connection that sent nothing for 10 minutes (so a reader would leave and join again every
 * 10 minutes), and a connection that died without a close (a network change, a NAT that forgot
 * it) shows nothing at all: the answer that does not come finds it.
 */
export const KEEP_ALIVE_MS = 5 * 60_000;

export interface KeepAliveOptions {
  /** Quiet time before a hello (KEEP_ALIVE_MS by default in the session). */
  idleMs: number;
  /** How long the connection may stay silent after a hello before it counts as dead. */
  answerMs: number;
  /** Sends a hello; false if it could not go out. */
  sayHello: () => boolean;
  /** Nothing came in time. */
  dead: () => void;
}

/**
 * One connection's keep-alive: tell it what was sent and what was heard. Any frame heard ends the
 * wait for an answer (the connection is alive); the hello's own answer (a welcome, an error
 * naming no message, API Gateway's error frame) is the session's to take (takeHelloAnswer), so
 * that it reaches neither the page's member list nor its error line.
 */
export class KeepAlive {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private awaitingAnswer = false;
  private helloUnanswered = false;

  constructor(private readonly options: KeepAliveOptions) {}

  /** Whether a keep-alive hello went out and its own answer has not come. */
  get helloPending(): boolean {
    return this.helloUnanswered;
  }

  /** A frame went out: the quiet time starts again (not while a hello waits for an answer). */
  sent(): void {
    if (!this.awaitingAnswer) this.restart();
  }

  /** A frame came: the connection is alive. */
  heard(): void {
    if (!this.awaitingAnswer) return;
    this.awaitingAnswer = false;
    this.restart();
  }

  /** Whether a frame that may answer a hello is the keep-alive hello's answer (it then counts as taken). */
  takeHelloAnswer(): boolean {
    const pending = this.helloUnanswered;
    this.helloUnanswered = false;
    return pending;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awaitingAnswer = false;
    this.helloUnanswered = false;
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.quietTooLong(), this.options.idleMs);
  }

  private quietTooLong(): void {
    this.awaitingAnswer = true;
    if (!this.options.sayHello()) {
      this.awaitingAnswer = false;
      return;
    }
    this.helloUnanswered = true;
    this.timer = setTimeout(() => {
      this.awaitingAnswer = false;
      this.options.dead();
    }, this.options.answerMs);
  }
}
