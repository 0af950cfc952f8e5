/**
 * A one-line progress display: rewritten in place on a terminal; elsewhere
 * (CI logs, pipes) only phase changes are printed, one line each.
 */
export class Progress {
  private readonly live = Boolean(process.stdout.isTTY);
  private readonly startedAt = performance.now();
  private phase = "";

  show(phase: string, detail = "") {
    const elapsed = ((performance.now() - this.startedAt) / 1000).toFixed(0).padStart(3);
    const line = `[${elapsed}s] ${phase}${detail ? ` · ${detail}` : ""}`;
    if (this.live) {
      const width = process.stdout.columns ?? 120;
      process.stdout.write(`\r${line.slice(0, width - 1).padEnd(width - 1)}`);
    } else if (phase !== this.phase) {
      process.stdout.write(`${line}\n`);
    }
    this.phase = phase;
  }

  /** Ends the live line so that later output starts on a fresh one. */
  done() {
    if (this.live) process.stdout.write("\n");
  }
}
