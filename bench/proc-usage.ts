import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// Linux's /proc: CPU time and memory of a process, by PID.

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Direct children of a process. */
export function childPidsOf(parentPid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    if (Number(statFields(pid)?.[1]) === parentPid) children.push(pid);
  }
  return children;
}

export interface ProcessSample {
  pid: number;
  /** User + system CPU time so far, seconds. */
  cpuSeconds: number;
  rssMiB: number;
  peakRssMiB: number;
  at: number;
}

function statusKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

export function sampleProcess(pid: number): ProcessSample | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  return {
    pid,
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
    rssMiB: statusKiB(status, "VmRSS") / 1024,
    peakRssMiB: statusKiB(status, "VmHWM") / 1024,
    at: performance.now(),
  };
}

/** Usage of one process between two samples: CPU as a share of one core. */
export interface ProcessUsage {
  cpuPercent: number;
  rssMiB: number;
  peakRssMiB: number;
}

export function usageBetween(before: ProcessSample, after: ProcessSample): ProcessUsage {
  const seconds = (after.at - before.at) / 1000;
  return {
    cpuPercent: seconds > 0 ? (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds : 0,
    rssMiB: after.rssMiB,
    peakRssMiB: after.peakRssMiB,
  };
}

/** The executable's name (`java`, `node`…), or "" when the process is gone. */
export function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}
