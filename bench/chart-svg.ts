import type { DollarCostResult, TargetResult } from "./results-types";

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
const COLOURS = ["#d1495b", "#00798c", "#edae49", "#30638e", "#6a4c93"];
// The cost chart's legend names designs at length: a wider right margin.
const COST_WIDTH = 900;
const COST_RIGHT = 330;

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

/** The opening of a chart: its title, grid and plot frame (the caller adds series and legend). */
function chartFrame(width: number, plotRight: number, title: string, grid: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif" font-size="12">
<title>${escapeXml(title)}</title>
<style>.grid{stroke:#ddd;stroke-width:1}</style>
<rect width="100%" height="100%" fill="white"/>
<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>
${grid.join("\n")}
<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotRight - MARGIN.left}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}" fill="none" stroke="#888"/>`;
}

/** Grid lines and labels at every power of ten of both log axes. */
function logGrid(axes: {
  x: (value: number) => number;
  y: (value: number) => number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  plotRight: number;
  yLabel: (value: number) => string;
}): string[] {
  const { x, y, plotRight } = axes;
  return [
    ...decades(axes.xMin, axes.xMax).map(
      (tick) =>
        `<line x1="${x(tick)}" x2="${x(tick)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="grid"/>` +
        `<text x="${x(tick)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${label(tick)}</text>`,
    ),
    ...decades(axes.yMin, axes.yMax).map(
      (tick) =>
        `<line x1="${MARGIN.left}" x2="${plotRight}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>` +
        `<text x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${axes.yLabel(tick)}</text>`,
    ),
  ];
}

export function latencyChart(targets: TargetResult[], title: string): string {
  const points = targets.flatMap((target) => target.steps);
  const xMin = 10 ** Math.floor(Math.log10(Math.min(...points.map((step) => step.offeredDeliveriesPerSecond))));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(...points.map((step) => step.offeredDeliveriesPerSecond))));
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...points.map((step) => step.latencyMs.p50)))));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...points.map((step) => step.latencyMs.p99))));
  const x = logScale(xMin, xMax, MARGIN.left, WIDTH - MARGIN.right);
  const y = logScale(yMin, yMax, HEIGHT - MARGIN.bottom, MARGIN.top);

  const grid = logGrid({ x, y, xMin, xMax, yMin, yMax, plotRight: WIDTH - MARGIN.right, yLabel: label });
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
  return `${chartFrame(WIDTH, WIDTH - MARGIN.right, title, grid)}
${series.join("\n")}
${legend.join("\n")}
<text x="${WIDTH - MARGIN.right + 16}" y="${legendTop}">hollow: fell behind</text>
<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">offered deliveries per second (log)</text>
<text transform="translate(18 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">fan-out latency, ms (log)</text>
</svg>
`;
}

const dollars = (value: number) =>
  value >= 1000 ? `$${value / 1000}k` : value >= 1 ? `$${value}` : `$${Number(value.toPrecision(1))}`;
const DESIGN_DASH = ["", "8 4", "3 3", "10 3 2 3", "1 4"];

/** Dollars per million messages (log) against room size (log), one line per design. */
export function costChart(dollarCost: DollarCostResult, title: string): string {
  const rows = dollarCost.rows;
  const labels = [...new Set(rows.map((row) => row.label))];
  const sizes = rows.map((row) => row.roomSize);
  const totals = rows.map((row) => Math.max(row.perMillion.total, 0.01));
  const xMin = 10 ** Math.floor(Math.log10(Math.min(...sizes)));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(...sizes)));
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...totals)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...totals)));
  const x = logScale(xMin, xMax, MARGIN.left, COST_WIDTH - COST_RIGHT);
  const y = logScale(yMin, yMax, HEIGHT - MARGIN.bottom, MARGIN.top);
  const grid = logGrid({ x, y, xMin, xMax, yMin, yMax, plotRight: COST_WIDTH - COST_RIGHT, yLabel: dollars });
  const series = labels.map((name, index) => {
    const points = rows.filter((row) => row.label === name).sort((a, b) => a.roomSize - b.roomSize);
    const colour = COLOURS[index % COLOURS.length];
    const path = points.map((row) => `${x(row.roomSize)},${y(Math.max(row.perMillion.total, 0.01))}`).join(" ");
    const dots = points
      .map(
        (row) =>
          `<circle cx="${x(row.roomSize)}" cy="${y(Math.max(row.perMillion.total, 0.01))}" r="3.5" fill="${row.source === "measured" ? colour : "white"}" stroke="${colour}" stroke-width="1.5"><title>${escapeXml(`${name}, room of ${row.roomSize}: $${row.perMillion.total} per million messages`)}</title></circle>`,
      )
      .join("");
    return `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${DESIGN_DASH[index % DESIGN_DASH.length]}"/>${dots}`;
  });
  const left = COST_WIDTH - COST_RIGHT + 16;
  const legend = labels.map((name, index) => {
    const top = MARGIN.top + 10 + index * 22;
    const colour = COLOURS[index % COLOURS.length];
    return (
      `<line x1="${left}" x2="${left + 28}" y1="${top}" y2="${top}" stroke="${colour}" stroke-width="2" stroke-dasharray="${DESIGN_DASH[index % DESIGN_DASH.length]}"/>` +
      `<text x="${left + 36}" y="${top + 4}">${escapeXml(name)}</text>`
    );
  });
  const notesTop = MARGIN.top + 22 + labels.length * 22;
  const { prices, assumptions } = dollarCost;
  return `${chartFrame(COST_WIDTH, COST_WIDTH - COST_RIGHT, title, grid)}
${series.join("\n")}
${legend.join("\n")}
<text x="${left}" y="${notesTop}">filled: measured; hollow: modelled</text>
<text x="${left}" y="${notesTop + 18}">${escapeXml(`${prices.region} prices checked ${prices.checked}`)}</text>
<text x="${left}" y="${notesTop + 36}">${escapeXml(`${assumptions.connectionMinutesPerMessage} connection min per message`)}</text>
<text x="${(MARGIN.left + COST_WIDTH - COST_RIGHT) / 2}" y="${HEIGHT - 14}" text-anchor="middle">room size, members (log)</text>
<text transform="translate(18 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">US$ per million messages (log)</text>
</svg>
`;
}
