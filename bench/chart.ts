// An SVG bar chart of a run: GFLOP/s of every configuration, one group of bars per case, on a
// logarithmic axis because the backends span three orders of magnitude.

import { CASE_SPECS } from './cases.js';
import type { ResultRow, RowFamily } from './results.js';

const WIDTH = 960;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 190;
const BAR_HEIGHT = 14;
const BAR_GAP = 3;
const GROUP_TITLE_HEIGHT = 24;
const GROUP_GAP = 12;
const TOP = 46;
const AXIS_HEIGHT = 28;
const FONT = 'font-family="sans-serif" font-size="11"';
/** Room right of the largest bar, in decades of the log axis. */
const AXIS_HEADROOM_DECADES = 0.15;

/** Base hue of each family. Configurations within a family get lighter shades. */
const FAMILY_HUES: Record<RowFamily, number> = { native: 18, wasm: 210, ts: 120, 'ts-naive': 90, pytorch: 280 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colour(row: ResultRow, rows: readonly ResultRow[]): string {
  const family = [...new Set(rows.filter((r) => r.family === row.family).map((r) => r.variant))];
  const shade = family.indexOf(row.variant);
  return `hsl(${FAMILY_HUES[row.family]}, 65%, ${35 + Math.min(shade * 10, 40)}%)`;
}

function valueText(row: ResultRow): string {
  const gflops = `${row.gflopsPerSecond.toFixed(row.gflopsPerSecond >= 10 ? 1 : 2)} GFLOP/s`;
  return row.imagesPerSecond === null ? gflops : `${Math.round(row.imagesPerSecond).toLocaleString('en-US')} images/s, ${gflops}`;
}

/** Returns the SVG document. `title` goes at the top, e.g. the machine and the date. */
export function renderChart(rows: readonly ResultRow[], title: string): string {
  const groups = CASE_SPECS.map((spec) => ({ spec, rows: rows.filter((r) => r.caseId === spec.id) })).filter((g) => g.rows.length > 0);
  const maxValue = Math.max(1, ...rows.map((r) => r.gflopsPerSecond));
  const minLog = -1; // 0.1 GFLOP/s at the left edge
  // The axis ends a little past the largest bar; gridlines stay at the powers of ten inside it.
  const maxLog = Math.log10(maxValue) + AXIS_HEADROOM_DECADES;
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (value: number): number => {
    const log = Math.min(Math.max(Math.log10(Math.max(value, 1e-9)), minLog), maxLog);
    return LABEL_WIDTH + ((log - minLog) / (maxLog - minLog)) * plotWidth;
  };

  const parts: string[] = [];
  let y = TOP;
  for (const group of groups) {
    parts.push(`<text x="8" y="${y + 15}" ${FONT} font-weight="bold">${escapeXml(group.spec.label)}</text>`);
    y += GROUP_TITLE_HEIGHT;
    for (const row of group.rows) {
      const end = x(row.gflopsPerSecond);
      parts.push(
        `<text x="${LABEL_WIDTH - 6}" y="${y + 11}" ${FONT} text-anchor="end">${escapeXml(row.variant)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${(end - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${colour(row, rows)}"/>`,
        `<text x="${(end + 4).toFixed(1)}" y="${y + 11}" ${FONT}>${escapeXml(valueText(row))}</text>`,
      );
      y += BAR_HEIGHT + BAR_GAP;
    }
    y += GROUP_GAP;
  }

  const axis: string[] = [];
  for (let log = minLog; log <= Math.floor(maxLog); log++) {
    const gx = x(10 ** log).toFixed(1);
    axis.push(
      `<line x1="${gx}" y1="${TOP}" x2="${gx}" y2="${y}" stroke="#ccc" stroke-dasharray="3,3"/>`,
      `<text x="${gx}" y="${y + 16}" ${FONT} text-anchor="middle">${10 ** log >= 1 ? 10 ** log : (10 ** log).toFixed(1)}</text>`,
    );
  }
  const height = y + AXIS_HEIGHT;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="20" font-family="sans-serif" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="8" y="36" ${FONT}>GFLOP/s on a log scale (matrix products only, 2mnk each); training rows also give images/s</text>`,
    ...axis,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
