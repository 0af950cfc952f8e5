import type { TargetResult } from "./results-types";

// Latency percentiles (log scale) against offered deliveries/s (log scale),
// one colour per server, one dash pattern per percentile. Plain SVG.

const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { left: 70, right: 190, top: 40, bottom: 56 };
const PERCENTILES = [
  { key: "p50", dash: "" },
  { key: "p95", dash: "6 4" },
  { key: "p99", dash: "2 3" },
] as const;
const COLOURS = ["#d1495b", "#00798c", "#edae49", "#30638e"];

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

function logScale(min: number, max: number, from: number, to: number) {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  return (value: number) => from + ((Math.log10(Math.max(value, min)) - lo) / (hi - lo || 1)) * (to - from);
}

const decades = (min: number, max: number) => {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(min)); power <= Math.ceil(Math.log10(max)); power++) ticks.push(10 ** power);
  return ticks;
};

const label = (value: number) =>
  value >= 1e6 ? `${value / 1e6}M` : value >= 1000 ? `${value / 1000}k` : String(value);

export function latencyChart(targets: TargetResult[], title: string): string {
  const points = targets.flatMap((target) => target.steps);
  const xMin = 10 ** Math.floor(Math.log10(Math.min(...points.map((step) => step.offeredDeliveriesPerSecond))));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(...points.map((step) => step.offeredDeliveriesPerSecond))));
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...points.map((step) => step.latencyMs.p50)))));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...points.map((step) => step.latencyMs.p99))));
  const x = logScale(xMin, xMax, MARGIN.left, WIDTH - MARGIN.right);
  const y = logScale(yMin, yMax, HEIGHT - MARGIN.bottom, MARGIN.top);

  const grid = [
    ...decades(xMin, xMax).map(
      (tick) =>
        `<line x1="${x(tick)}" x2="${x(tick)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="grid"/>` +
        `<text x="${x(tick)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${label(tick)}</text>`,
    ),
    ...decades(yMin, yMax).map(
      (tick) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>` +
        `<text x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${label(tick)}</text>`,
    ),
  ];
  const series = targets.flatMap((target, index) =>
    PERCENTILES.map(({ key, dash }) => {
      const path = target.steps
        .map((step) => `${x(step.offeredDeliveriesPerSecond)},${y(step.latencyMs[key])}`)
        .join(" ");
      const dots = target.steps
        .map(
          (step) =>
            `<circle cx="${x(step.offeredDeliveriesPerSecond)}" cy="${y(step.latencyMs[key])}" r="3" fill="${step.keptUp ? COLOURS[index] : "white"}" stroke="${COLOURS[index]}"/>`,
        )
        .join("");
      return `<polyline points="${path}" fill="none" stroke="${COLOURS[index]}" stroke-width="2" stroke-dasharray="${dash}"/>${dots}`;
    }),
  );
  const legend = targets.flatMap((target, index) =>
    PERCENTILES.map(({ key, dash }, row) => {
      const top = MARGIN.top + 10 + (index * PERCENTILES.length + row) * 20;
      const left = WIDTH - MARGIN.right + 16;
      return (
        `<line x1="${left}" x2="${left + 28}" y1="${top}" y2="${top}" stroke="${COLOURS[index]}" stroke-width="2" stroke-dasharray="${dash}"/>` +
        `<text x="${left + 36}" y="${top + 4}">${escapeXml(target.name)} ${key}</text>`
      );
    }),
  );
  const legendTop = MARGIN.top + 20 + targets.length * PERCENTILES.length * 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">
<style>.grid{stroke:#ddd;stroke-width:1}</style>
<rect width="100%" height="100%" fill="white"/>
<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>
${grid.join("\n")}
<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${WIDTH - MARGIN.left - MARGIN.right}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}" fill="none" stroke="#888"/>
${series.join("\n")}
${legend.join("\n")}
<text x="${WIDTH - MARGIN.right + 16}" y="${legendTop}">hollow: fell behind</text>
<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">offered deliveries per second (log)</text>
<text transform="translate(18 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">fan-out latency, ms (log)</text>
</svg>
`;
}
