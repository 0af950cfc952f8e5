import { type ProcessSample, type ProcessUsage, sampleProcess, usageBetween } from "./proc-usage";

/** CPU and memory of a named set of processes between start() and stop(). */
export class UsageSampler {
  private before = new Map<string, ProcessSample>();

  constructor(private readonly processes: Record<string, number>) {}

  start() {
    this.before.clear();
    for (const [name, pid] of Object.entries(this.processes)) {
      const sample = sampleProcess(pid);
      if (sample) this.before.set(name, sample);
    }
  }

  stop(): Record<string, ProcessUsage> {
    const usage: Record<string, ProcessUsage> = {};
    for (const [name, pid] of Object.entries(this.processes)) {
      const before = this.before.get(name);
      const after = sampleProcess(pid);
      if (before && after) usage[name] = usageBetween(before, after);
    }
    return usage;
  }
}
