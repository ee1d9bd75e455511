// Line charts of the training curves on a canvas, with labelled axes, ticks and a legend.

export interface Series {
  name: string;
  color: string;
  /** y value of each point, whose x is `steps[i]`. Non-finite values leave a gap. */
  values: readonly number[];
}

export interface ChartSpec {
  title: string;
  yLabel: string;
  /** x value (the G step) of each point, shared by every series. */
  steps: readonly number[];
  series: Series[];
  /** Fixed y range, e.g. [0, 1] for probabilities. Default: the data's range. */
  yRange?: [number, number];
}

const MARGIN = { left: 56, right: 14, top: 34, bottom: 40 };
const TICKS = 5;
const FONT = '12px system-ui, sans-serif';
const AXIS_COLOR = '#4a5568';
const GRID_COLOR = '#e6eaf0';
const TEXT_COLOR = '#1d2430';
const LEGEND_SWATCH_PX = 14;
/** Gap between a legend entry's swatch and its name, and between two entries, in pixels. */
const LEGEND_GAP_PX = 6;
const LEGEND_ENTRY_GAP_PX = 16;
const TITLE_BASELINE_PX = 18;
const LINE_HEIGHT_PX = 18;

/** Draws the chart, scaled for the screen's pixel density. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): void {
  const context = prepareCanvas(canvas);
  const width = canvas.width / devicePixelRatioOf(canvas);
  const height = canvas.height / devicePixelRatioOf(canvas);
  const legendRow = legendNeedsOwnRow(context, spec, width) ? LINE_HEIGHT_PX : 0;
  const top = MARGIN.top + legendRow;
  const plot = { left: MARGIN.left, top, width: width - MARGIN.left - MARGIN.right, height: height - top - MARGIN.bottom };

  const xs = spec.steps;
  const xMin = xs.length > 0 ? xs[0] : 0;
  const xMax = Math.max(xMin + 1, xs.length > 0 ? xs[xs.length - 1] : 1);
  const [yMin, yMax] = spec.yRange ?? dataRange(spec.series);
  const toX = (x: number): number => plot.left + ((x - xMin) / (xMax - xMin)) * plot.width;
  const toY = (y: number): number => plot.top + plot.height - ((y - yMin) / (yMax - yMin)) * plot.height;

  context.font = FONT;
  drawGridAndTicks(context, plot, niceTicks(xMin, xMax), niceTicks(yMin, yMax), toX, toY);
  context.save();
  context.beginPath();
  context.rect(plot.left, plot.top, plot.width, plot.height);
  context.clip();
  for (const series of spec.series) drawSeries(context, xs, series, toX, toY, plot.width);
  context.restore();
  drawLabels(context, spec, plot, width, height);
  drawLegend(context, spec.series, width, TITLE_BASELINE_PX + legendRow);
}

function devicePixelRatioOf(canvas: HTMLCanvasElement): number {
  return Number(canvas.dataset.ratio ?? '1');
}

/** Sizes the canvas backing store to its displayed size and the pixel density, and clears it. */
function prepareCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser has no 2D canvas for the charts');
  const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
  const width = Math.round((canvas.clientWidth || canvas.width) * ratio);
  const height = Math.round((canvas.clientHeight || canvas.height) * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  canvas.dataset.ratio = String(ratio);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  return context;
}

/** Returns the y range of all series' finite values, from 0 or below, widened when it is empty. */
function dataRange(series: Series[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const s of series) {
    for (const v of s.values) {
      if (Number.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
  }
  if (low === Infinity) return [0, 1];
  if (low === high) return [low - 0.5, high + 0.5];
  return [Math.min(0, low), high];
}

/** Returns about TICKS round values (1, 2 or 5 times a power of ten) that cover [low, high]. */
export function niceTicks(low: number, high: number): number[] {
  const rough = (high - low) / (TICKS - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

type Plot = { left: number; top: number; width: number; height: number };

function drawGridAndTicks(
  context: CanvasRenderingContext2D,
  plot: Plot,
  xTicks: number[],
  yTicks: number[],
  toX: (x: number) => number,
  toY: (y: number) => number,
): void {
  context.lineWidth = 1;
  context.fillStyle = TEXT_COLOR;
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of yTicks) {
    const y = Math.round(toY(tick)) + 0.5;
    context.strokeStyle = GRID_COLOR;
    context.beginPath();
    context.moveTo(plot.left, y);
    context.lineTo(plot.left + plot.width, y);
    context.stroke();
    context.fillText(formatTick(tick), plot.left - 6, y);
  }

  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const tick of xTicks.filter(Number.isInteger)) {
    const x = Math.round(toX(tick)) + 0.5;
    context.strokeStyle = AXIS_COLOR;
    context.beginPath();
    context.moveTo(x, plot.top + plot.height);
    context.lineTo(x, plot.top + plot.height + 4);
    context.stroke();
    context.fillText(formatTick(tick), x, plot.top + plot.height + 6);
  }

  context.strokeStyle = AXIS_COLOR;
  context.beginPath();
  context.moveTo(plot.left + 0.5, plot.top);
  context.lineTo(plot.left + 0.5, plot.top + plot.height + 0.5);
  context.lineTo(plot.left + plot.width, plot.top + plot.height + 0.5);
  context.stroke();
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 10000) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}

/**
 * Draws one series. With more points than pixel columns, each column shows the mean of its
 * points, so a long run stays readable.
 */
function drawSeries(
  context: CanvasRenderingContext2D,
  xs: readonly number[],
  series: Series,
  toX: (x: number) => number,
  toY: (y: number) => number,
  plotWidth: number,
): void {
  const bucket = Math.max(1, Math.ceil(xs.length / plotWidth));
  context.strokeStyle = series.color;
  context.lineWidth = 1.5;
  context.beginPath();
  let drawing = false;
  for (let start = 0; start < xs.length; start += bucket) {
    let sum = 0;
    let count = 0;
    for (let i = start; i < Math.min(xs.length, start + bucket); i++) {
      if (Number.isFinite(series.values[i])) {
        sum += series.values[i];
        count++;
      }
    }
    if (count === 0) {
      drawing = false;
      continue;
    }
    const x = toX(xs[Math.min(xs.length - 1, start + bucket - 1)]);
    const y = toY(sum / count);
    if (drawing) context.lineTo(x, y);
    else context.moveTo(x, y);
    drawing = true;
  }
  context.stroke();
}

function drawLabels(context: CanvasRenderingContext2D, spec: ChartSpec, plot: Plot, width: number, height: number): void {
  context.fillStyle = TEXT_COLOR;
  context.textBaseline = 'alphabetic';
  context.textAlign = 'left';
  context.font = `600 ${FONT}`;
  context.fillText(spec.title, plot.left, TITLE_BASELINE_PX);
  context.font = FONT;
  context.textAlign = 'center';
  context.fillText('step (G updates)', plot.left + plot.width / 2, height - 6);
  context.save();
  context.translate(14, plot.top + plot.height / 2);
  context.rotate(-Math.PI / 2);
  context.fillText(spec.yLabel, 0, 0);
  context.restore();
}

/** Returns the width of the legend in pixels, with the context's font set to the legend's. */
function legendWidth(context: CanvasRenderingContext2D, series: Series[]): number {
  context.font = FONT;
  const entries = series.map((s) => LEGEND_SWATCH_PX + LEGEND_GAP_PX + context.measureText(s.name).width);
  return entries.reduce((sum, entry) => sum + entry, 0) + LEGEND_ENTRY_GAP_PX * (series.length - 1);
}

/** Returns whether the legend would overlap the title on the title's row. */
function legendNeedsOwnRow(context: CanvasRenderingContext2D, spec: ChartSpec, width: number): boolean {
  context.font = `600 ${FONT}`;
  const titleEnd = MARGIN.left + context.measureText(spec.title).width;
  return titleEnd + LEGEND_ENTRY_GAP_PX > width - MARGIN.right - legendWidth(context, spec.series);
}

/** Draws the legend right-aligned, with its text on `baseline`. */
function drawLegend(context: CanvasRenderingContext2D, series: Series[], width: number, baseline: number): void {
  context.font = FONT;
  context.textAlign = 'right';
  context.textBaseline = 'alphabetic';
  let x = width - MARGIN.right;
  for (const entry of [...series].reverse()) {
    context.fillStyle = TEXT_COLOR;
    context.fillText(entry.name, x, baseline);
    x -= context.measureText(entry.name).width + LEGEND_GAP_PX;
    context.fillStyle = entry.color;
    context.fillRect(x - LEGEND_SWATCH_PX, baseline - 10, LEGEND_SWATCH_PX, 10);
    x -= LEGEND_SWATCH_PX + LEGEND_ENTRY_GAP_PX;
  }
}
