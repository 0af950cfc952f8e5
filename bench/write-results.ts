import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { costChart, latencyChart } from "./chart-svg";
import { toMarkdown } from "./markdown";
import type { BenchResult } from "./results-types";

/** Writes latest.json, latest.md, latency.svg and (with a dollar cost) cost.svg under `outDir`. */
export async function writeResults(result: BenchResult, outDir: string) {
  await mkdir(outDir, { recursive: true });
  const markdown = toMarkdown(result);
  const targets = [result.ours, ...(result.baseline ? [result.baseline] : [])];
  const options = result.options as { rooms: number; clients: number };
  const paths = {
    json: join(outDir, "latest.json"),
    markdown: join(outDir, "latest.md"),
    chart: join(outDir, "latency.svg"),
  };
  await writeFile(paths.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(paths.markdown, markdown);
  await writeFile(
    paths.chart,
    latencyChart(targets, `Fan-out latency vs offered load (${options.rooms} rooms × ${options.clients} clients)`),
  );
  const written = Object.values(paths);
  if (result.dollars?.rows.length) {
    const costPath = join(outDir, "cost.svg");
    await writeFile(costPath, costChart(result.dollars, "Dollars per million messages by room size"));
    written.push(costPath);
  }
  return { markdown, paths: written };
}
